package contrastlab.plugins.augment.color;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import contrastlab.plugins.augment.Checks;
import contrastlab.plugins.augment.Draws;
import contrastlab.plugins.augment.Pixels;
import java.util.random.RandomGenerator;

/**
 * torchvision's {@code RandomGrayscale(p)} / {@code Grayscale(n)} on float tensors: with probability p
 * every pixel becomes {@code 0.2989 R + 0.587 G + 0.114 B} (no rounding for float images), written to
 * {@code numOutputChannels} channels (0 = as many as the input has).
 */
public final class Grayscale implements Augmentation {

    static final String STEP = "grayscale";

    private final int numOutputChannels;
    private final double p;

    public Grayscale(int numOutputChannels, double p) {
        if (numOutputChannels != 0 && numOutputChannels != 1 && numOutputChannels != 3) {
            throw Checks.fail(STEP, "numOutputChannels", "must be 1, 3 or 0 (= the input's channels), got "
                    + numOutputChannels);
        }
        this.numOutputChannels = numOutputChannels;
        this.p = Checks.probability(STEP, "p", p);
    }

    @Override
    public Image apply(Image image, RandomGenerator random) {
        int in = image.channels();
        if (in != 1 && in != 3) {
            throw Checks.fail(STEP, "input", "must have 1 or 3 channels, got " + in);
        }
        int out = numOutputChannels == 0 ? in : numOutputChannels;
        if (p < 1.0 && out != in) {
            // a skipped draw keeps the input's channels, so one batch would mix shapes
            throw Checks.fail(STEP, "numOutputChannels", "must equal the input's " + in
                    + " channels (or be 0) when p < 1, got " + numOutputChannels);
        }
        return Draws.chance(random, p) ? toGray(image, out) : image;
    }

    /** The luma image with {@code out} identical channels; a 3→3 conversion works in place. */
    static Image toGray(Image image, int out) {
        int plane = image.height() * image.width();
        float[] px = image.pixels();
        if (image.channels() == 1) {
            if (out == 1) {
                return image;
            }
            float[] rgb = new float[3 * plane];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(px, 0, rgb, c * plane, plane);
            }
            return new Image(3, image.height(), image.width(), rgb);
        }
        float[] target = out == 3 ? px : new float[plane];
        for (int i = 0; i < plane; i++) {
            float l = Pixels.luma(px[i], px[i + plane], px[i + 2 * plane]);
            target[i] = l;
            if (out == 3) {
                target[i + plane] = l;
                target[i + 2 * plane] = l;
            }
        }
        return out == 3 ? image : new Image(1, image.height(), image.width(), target);
    }
}
