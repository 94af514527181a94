package contrastlab.plugins.augment.blur;

import static contrastlab.plugins.augment.AugmentTesting.assertBinomial;
import static contrastlab.plugins.augment.AugmentTesting.assertPixels;
import static contrastlab.plugins.augment.AugmentTesting.assertRejects;
import static contrastlab.plugins.augment.AugmentTesting.randomImage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianBlurTest {

    private static final GaussianBlurPlugin PLUGIN = new GaussianBlurPlugin();

    /** Direct 2-D convolution with the outer-product kernel over a numpy-'reflect' padded image, in double. */
    private static double[] reference(Image image, int k, double sigma) {
        double[] g = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double x = i - (k - 1) / 2.0;
            g[i] = Math.exp(-x * x / (2 * sigma * sigma));
            sum += g[i];
        }
        for (int i = 0; i < k; i++) {
            g[i] /= sum;
        }
        int h = image.height();
        int w = image.width();
        int pad = k / 2;
        double[] out = new double[image.pixels().length];
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int dy = 0; dy < k; dy++) {
                        for (int dx = 0; dx < k; dx++) {
                            int sy = mirror(y + dy - pad, h);
                            int sx = mirror(x + dx - pad, w);
                            s += g[dy] * g[dx] * image.pixels()[image.index(c, sy, sx)];
                        }
                    }
                    out[image.index(c, y, x)] = s;
                }
            }
        }
        return out;
    }

    /** numpy 'reflect': the sequence ... 2 1 | 0 1 2 ... n-1 | n-2 n-3 ... */
    private static int mirror(int i, int n) {
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    @Test
    void kernelMatchesTorchvision() {
        float[] k3 = GaussianBlur.kernel(3, 1.0);
        assertArrayEquals(new float[] {0.27406862f, 0.45186275f, 0.27406862f}, k3, 1e-7f);
        float[] k7 = GaussianBlur.kernel(7, 1.3);
        double sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += k7[i];
            assertEquals(k7[i], k7[6 - i], 0f, "symmetric");
        }
        assertEquals(1.0, sum, 1e-6);
        assertEquals(Math.exp(-0.5 * 9 / (1.3 * 1.3)) / Math.exp(0), k7[0] / k7[3], 1e-6);
    }

    @Test
    void matchesADirectTwoDimensionalConvolutionWithReflectPadding() {
        Image a = randomImage(3, 4, 5, 41);
        double[] expectedA = reference(a, 3, 0.8);
        GaussianBlur.blur(a, GaussianBlur.kernel(3, 0.8));
        assertPixels(expectedA, a.pixels(), 1e-6);

        Image b = randomImage(3, 4, 5, 42);
        double[] expectedB = reference(b, 5, 1.7);
        GaussianBlur.blur(b, GaussianBlur.kernel(5, 1.7));
        assertPixels(expectedB, b.pixels(), 1e-6);

        Image c = randomImage(2, 3, 7, 43);
        double[] expectedC = reference(c, 5, 2.0);
        GaussianBlur.blur(c, GaussianBlur.kernel(5, 2.0));
        assertPixels(expectedC, c.pixels(), 1e-6);
    }

    @Test
    void reflectPaddingDoesNotRepeatTheEdge() {
        // a lone corner pixel reaches its own output only through the centre tap: g1², not (g0 + g1)²
        Image corner = new Image(1, 3, 3, new float[] {1, 0, 0, 0, 0, 0, 0, 0, 0});
        float[] g = GaussianBlur.kernel(3, 1.0);
        GaussianBlur.blur(corner, g);
        assertEquals(g[1] * g[1], corner.pixels()[0], 1e-7);
        assertEquals(g[0] * g[0], corner.pixels()[4], 1e-7);
    }

    @Test
    void sigmaIsUniformOverItsRange() {
        GaussianBlur blur = new GaussianBlur(3, 0, 0.1, 2.0, 1.0);
        SplittableRandom random = new SplittableRandom(1);
        int n = 20000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double s = blur.sampleSigma(random);
            assertTrue(s >= 0.1 && s <= 2.0, "sigma " + s);
            sum += s;
        }
        assertEquals(1.05, sum / n, 4 * (1.9 / Math.sqrt(12)) / Math.sqrt(n));
    }

    @Test
    void applyBlursWithTheSampledSigma() {
        Augmentation blur = PLUGIN.create(new GaussianBlurParameters(3, 0, List.of(0.1, 2.0), 1.0));
        GaussianBlur direct = new GaussianBlur(3, 0, 0.1, 2.0, 1.0);
        Image source = randomImage(3, 6, 6, 44);
        for (long seed = 0; seed < 10; seed++) {
            Image actual = blur.apply(source.copy(), new SplittableRandom(seed));
            Image expected = source.copy();
            GaussianBlur.blur(expected, GaussianBlur.kernel(3, direct.sampleSigma(new SplittableRandom(seed))));
            assertArrayEquals(expected.pixels(), actual.pixels());
        }
        Augmentation fixed = PLUGIN.create(new GaussianBlurParameters(5, 0, List.of(1.0), 1.0));
        Image expected = source.copy();
        GaussianBlur.blur(expected, GaussianBlur.kernel(5, 1.0));
        assertArrayEquals(expected.pixels(), fixed.apply(source.copy(), new SplittableRandom(3)).pixels());
    }

    @Test
    void kernelFractionFollowsTheSimclrRule() {
        GaussianBlur tenth = new GaussianBlur(0, 0.1, 0.1, 2.0, 1.0);
        assertEquals(3, tenth.kernelFor(32));
        assertEquals(9, tenth.kernelFor(96)); // = ScatSimCLR's 2*int(0.05*96)+1
        assertEquals(23, tenth.kernelFor(224));
        assertEquals(1, new GaussianBlur(0, 0.05, 0.1, 2.0, 1.0).kernelFor(32));
        assertEquals(7, new GaussianBlur(7, 0, 0.1, 2.0, 1.0).kernelFor(32));
    }

    @Test
    void blursWithProbabilityP() {
        Augmentation blur = PLUGIN.create(new GaussianBlurParameters(0, 0.1, List.of(0.1, 2.0), 0.5));
        SplittableRandom random = new SplittableRandom(4);
        Image source = randomImage(3, 32, 32, 45);
        assertBinomial(0.5, 4000, () -> !Arrays.equals(source.pixels(), blur.apply(source.copy(), random).pixels()));
    }

    @Test
    void rejectsBadParameters() {
        List<Double> sigma = List.of(0.1, 2.0);
        assertRejects(() -> PLUGIN.create(new GaussianBlurParameters(4, 0, sigma, 1.0)), "gaussian-blur", "kernelSize", "odd");
        assertRejects(() -> PLUGIN.create(new GaussianBlurParameters(-3, 0, sigma, 1.0)), "kernelSize");
        assertRejects(() -> PLUGIN.create(PLUGIN.defaults()), "exactly one", "kernelSize", "kernelFraction");
        assertRejects(() -> PLUGIN.create(new GaussianBlurParameters(3, 0.1, sigma, 1.0)), "exactly one");
        assertRejects(() -> PLUGIN.create(new GaussianBlurParameters(0, 1.5, sigma, 1.0)), "kernelFraction");
        assertRejects(() -> PLUGIN.create(new GaussianBlurParameters(3, 0, List.of(0.0, 1.0), 1.0)), "sigma");
        assertRejects(() -> PLUGIN.create(new GaussianBlurParameters(3, 0, List.of(2.0, 1.0), 1.0)), "sigma");
        assertRejects(() -> PLUGIN.create(new GaussianBlurParameters(3, 0, sigma, 2.0)), "p");
        Augmentation big = PLUGIN.create(new GaussianBlurParameters(9, 0, sigma, 1.0));
        assertRejects(() -> big.apply(randomImage(1, 4, 4, 1), new SplittableRandom(1)), "kernelSize", "too large");
    }
}
