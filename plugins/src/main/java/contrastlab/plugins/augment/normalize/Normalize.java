package contrastlab.plugins.augment.normalize;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import contrastlab.plugins.augment.Checks;
import java.util.random.RandomGenerator;

/** torchvision's {@code Normalize(mean, std)}: {@code (x - mean_c) / std_c} per channel, in place; no randomness. */
public final class Normalize implements Augmentation {

    static final String STEP = "normalize";

    private final float[] mean;
    private final float[] std;

    /** One value per channel, or a single value for every channel. */
    public Normalize(double[] mean, double[] std) {
        if (mean.length == 0 || std.length == 0) {
            throw Checks.fail(STEP, mean.length == 0 ? "mean" : "std", "must not be empty");
        }
        this.mean = new float[mean.length];
        this.std = new float[std.length];
        for (int i = 0; i < mean.length; i++) {
            if (!Double.isFinite(mean[i])) {
                throw Checks.fail(STEP, "mean", "must be finite, got " + mean[i]);
            }
            this.mean[i] = (float) mean[i];
        }
        for (int i = 0; i < std.length; i++) {
            if (!(std[i] > 0.0) || Double.isInfinite(std[i])) {
                throw Checks.fail(STEP, "std", "must be finite and > 0, got " + std[i]);
            }
            this.std[i] = (float) std[i];
        }
    }

    @Override
    public Image apply(Image image, RandomGenerator random) {
        int channels = image.channels();
        requireFits("mean", mean.length, channels);
        requireFits("std", std.length, channels);
        float[] px = image.pixels();
        int plane = image.height() * image.width();
        for (int c = 0; c < channels; c++) {
            float m = mean[mean.length == 1 ? 0 : c];
            float s = std[std.length == 1 ? 0 : c];
            int end = (c + 1) * plane;
            for (int i = c * plane; i < end; i++) {
                px[i] = (px[i] - m) / s;
            }
        }
        return image;
    }

    private static void requireFits(String name, int length, int channels) {
        if (length != 1 && length != channels) {
            throw Checks.fail(STEP, name, "has " + length + " values for a " + channels
                    + "-channel image; give one value per channel or a single value");
        }
    }
}
