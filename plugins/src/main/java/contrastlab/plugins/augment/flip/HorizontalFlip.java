package contrastlab.plugins.augment.flip;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import contrastlab.plugins.augment.Checks;
import contrastlab.plugins.augment.Draws;
import java.util.random.RandomGenerator;

/** torchvision's {@code RandomHorizontalFlip(p)}: reverses every row with probability p, in place. */
public final class HorizontalFlip implements Augmentation {

    static final String STEP = "horizontal-flip";

    private final double p;

    public HorizontalFlip(double p) {
        this.p = Checks.probability(STEP, "p", p);
    }

    @Override
    public Image apply(Image image, RandomGenerator random) {
        if (Draws.chance(random, p)) {
            flip(image);
        }
        return image;
    }

    static void flip(Image image) {
        float[] px = image.pixels();
        int width = image.width();
        int rows = image.channels() * image.height();
        for (int row = 0; row < rows; row++) {
            int a = row * width;
            int b = a + width - 1;
            while (a < b) {
                float t = px[a];
                px[a++] = px[b];
                px[b--] = t;
            }
        }
    }
}
