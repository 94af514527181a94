package contrastlab.plugins.augment.tensor;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import java.util.random.RandomGenerator;

/**
 * torchvision's {@code ToTensor()} at the end of a PIL-image pipeline: the image it receives is 8-bit,
 * so every value is clamped to [0, 1] and rounded to the nearest of the 256 levels k/255 (half up,
 * as PIL rounds when it stores a float result). Steps before it then see what the PIL path would
 * have handed to {@code ToTensor}; without it the whole pipeline is torchvision's float tensor path.
 */
public final class ToTensor implements Augmentation {

    static final String STEP = "to-tensor";

    @Override
    public Image apply(Image image, RandomGenerator random) {
        float[] px = image.pixels();
        for (int i = 0; i < px.length; i++) {
            float v = Math.min(1f, Math.max(0f, px[i]));
            px[i] = (float) Math.floor(v * 255f + 0.5f) / 255f;
        }
        return image;
    }
}
