package contrastlab.plugins.augment.blur;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import contrastlab.plugins.augment.Checks;
import contrastlab.plugins.augment.Draws;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * torchvision's {@code GaussianBlur(kernel_size, sigma)} on float tensors, with its own apply
 * probability p ({@code RandomApply}). One sigma ~ U(lo, hi) per call for both axes; the sampled
 * kernel {@code exp(-x²/2σ²)} over x = -(k-1)/2 .. (k-1)/2 is normalised to sum 1; the image is padded
 * by k/2 in 'reflect' mode (mirror without repeating the edge) and convolved separably.
 */
public final class GaussianBlur implements Augmentation {

    static final String STEP = "gaussian-blur";

    private final int kernelSize;
    private final double kernelFraction;
    private final double sigmaLo;
    private final double sigmaHi;
    private final double p;

    /**
     * @param kernelSize     odd kernel side in pixels, or 0 to use {@code kernelFraction}
     * @param kernelFraction kernel side as a fraction f of the image height, {@code 2*floor(f*H/2)+1}, or 0
     */
    public GaussianBlur(int kernelSize, double kernelFraction, double sigmaLo, double sigmaHi, double p) {
        if ((kernelSize != 0) == (kernelFraction != 0.0)) {
            throw new IllegalArgumentException(STEP + ": give exactly one of kernelSize (odd, in pixels) and"
                    + " kernelFraction (fraction of the image height, e.g. 0.1), got kernelSize " + kernelSize
                    + " and kernelFraction " + kernelFraction);
        }
        if (kernelSize < 0 || (kernelSize != 0 && kernelSize % 2 == 0)) {
            throw Checks.fail(STEP, "kernelSize", "must be odd and positive, got " + kernelSize);
        }
        if (!(kernelFraction >= 0.0 && kernelFraction <= 1.0)) {
            throw Checks.fail(STEP, "kernelFraction", "must be in (0, 1], got " + kernelFraction);
        }
        if (!(sigmaLo > 0.0 && sigmaLo <= sigmaHi && Double.isFinite(sigmaHi))) {
            throw Checks.fail(STEP, "sigma", "must be [lo, hi] with 0 < lo <= hi, got [" + sigmaLo + ", " + sigmaHi + "]");
        }
        this.kernelSize = kernelSize;
        this.kernelFraction = kernelFraction;
        this.sigmaLo = sigmaLo;
        this.sigmaHi = sigmaHi;
        this.p = Checks.probability(STEP, "p", p);
    }

    @Override
    public Image apply(Image image, RandomGenerator random) {
        int k = kernelFor(image.height());
        if (k / 2 >= image.height() || k / 2 >= image.width()) {
            throw Checks.fail(STEP, kernelSize != 0 ? "kernelSize" : "kernelFraction",
                    "gives a " + k + "-pixel kernel, too large for a " + image.height() + "x" + image.width()
                            + " image (reflect padding needs k/2 < both sides)");
        }
        if (Draws.chance(random, p)) {
            blur(image, kernel(k, sampleSigma(random)));
        }
        return image;
    }

    /** The odd kernel side for an image of the given height. */
    int kernelFor(int height) {
        return kernelSize != 0 ? kernelSize : 2 * (int) Math.floor(kernelFraction * height / 2.0) + 1;
    }

    double sampleSigma(RandomGenerator random) {
        return Draws.uniform(random, sigmaLo, sigmaHi);
    }

    /** torchvision's {@code _get_gaussian_kernel1d}: the sampled Gaussian, normalised to sum 1. */
    static float[] kernel(int size, double sigma) {
        double half = (size - 1) * 0.5;
        double[] g = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double x = (-half + i) / sigma;
            g[i] = Math.exp(-0.5 * x * x);
            sum += g[i];
        }
        float[] kernel = new float[size];
        for (int i = 0; i < size; i++) {
            kernel[i] = (float) (g[i] / sum);
        }
        return kernel;
    }

    /** Separable convolution with {@code kernel} along both axes, reflect padding, in place. */
    static void blur(Image image, float[] kernel) {
        int k = kernel.length;
        int pad = k / 2;
        int height = image.height();
        int width = image.width();
        int plane = height * width;
        float[] px = image.pixels();
        float[] tmp = new float[plane];
        float[] row = new float[width + 2 * pad];
        for (int c = 0; c < image.channels(); c++) {
            int base = c * plane;
            for (int y = 0; y < height; y++) {
                int off = base + y * width;
                System.arraycopy(px, off, row, pad, width);
                for (int q = 1; q <= pad; q++) {
                    row[pad - q] = px[off + q];
                    row[pad + width - 1 + q] = px[off + width - 1 - q];
                }
                int t0 = y * width;
                for (int x = 0; x < width; x++) {
                    float s = 0f;
                    for (int t = 0; t < k; t++) {
                        s += kernel[t] * row[x + t];
                    }
                    tmp[t0 + x] = s;
                }
            }
            for (int y = 0; y < height; y++) {
                int dst = base + y * width;
                Arrays.fill(px, dst, dst + width, 0f);
                for (int t = 0; t < k; t++) {
                    int src = reflect(y + t - pad, height) * width;
                    float w = kernel[t];
                    for (int x = 0; x < width; x++) {
                        px[dst + x] += w * tmp[src + x];
                    }
                }
            }
        }
    }

    /** Mirror index without repeating the edge ({@code -1 -> 1}); valid for offsets below n. */
    static int reflect(int i, int n) {
        if (i < 0) {
            return -i;
        }
        return i >= n ? 2 * (n - 1) - i : i;
    }
}
