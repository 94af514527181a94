package contrastlab.plugins.dataset.synthetic;

import contrastlab.api.util.Seeds;
import java.util.SplittableRandom;

/**
 * Draws the synthetic images. Class {@code k} of {@code K} has three redundant cues, so that it stays
 * recognisable under the usual augmentations (crops, flips, colour jitter, grey-scale): a colour
 * (a hue on the channel wheel, a grey level with one channel), sinusoidal stripes of a class-specific
 * orientation and frequency, and a bright blob at a class-specific height. Every image varies: stripe
 * phase, small angle and colour offsets, blob position, and uniform pixel noise.
 */
final class SyntheticImages {

    private SyntheticImages() {}

    /** Image {@code index} of split {@code splitIndex}, class {@code label}, into {@code out} at {@code offset}. */
    static void draw(SyntheticParameters p, int splitIndex, int index, int label, byte[] out, int offset) {
        SplittableRandom random = Seeds.random(p.seed(), splitIndex, index);
        int k = label;
        int classes = p.classes();
        double t = (double) k / classes;
        int h = p.height();
        int w = p.width();

        double angle = Math.PI * t + random.nextDouble(-0.08, 0.08) * Math.PI / classes;
        double frequency = 2 + k % 3;
        double phase = random.nextDouble(0, 2 * Math.PI);
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);

        // jitter stays below half the distance between neighbouring classes, so cues never overlap
        double spacing = 0.6 / Math.max(1, classes - 1);
        double spread = classes > 1 ? (double) k / (classes - 1) : 0.5;
        double blobY = h * (0.2 + 0.6 * spread + random.nextDouble(-1, 1) * Math.min(0.06, 0.3 * spacing));
        double blobX = w * random.nextDouble(0.2, 0.8);
        double sigma = 0.12 * Math.min(h, w);
        double twoSigma2 = 2 * sigma * sigma;

        double[] tint = new double[p.channels()];
        for (int c = 0; c < tint.length; c++) {
            double base = tint.length == 1
                    ? 0.3 + 0.7 * (k + 0.5) / classes
                    : 0.5 + 0.5 * Math.cos(2 * Math.PI * (t - (double) c / tint.length));
            tint[c] = Math.max(0, Math.min(1, base + random.nextDouble(-1, 1) * Math.min(0.08, 0.25 / classes)));
        }

        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (double) x / w;
                double v = (double) y / h;
                double stripe = 0.5 + 0.5 * Math.sin(2 * Math.PI * frequency * (u * cos + v * sin) + phase);
                double dy = y - blobY;
                double dx = x - blobX;
                double blob = Math.exp(-(dx * dx + dy * dy) / twoSigma2);
                for (int c = 0; c < tint.length; c++) {
                    double value = 0.1 + 0.5 * tint[c] * stripe + 0.4 * blob + random.nextDouble(-0.08, 0.08);
                    int level = (int) Math.round(255 * Math.max(0, Math.min(1, value)));
                    out[offset + c * plane + y * w + x] = (byte) level;
                }
            }
        }
    }
}
