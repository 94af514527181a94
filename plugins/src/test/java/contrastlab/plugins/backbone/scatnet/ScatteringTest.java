package contrastlab.plugins.backbone.scatnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScatteringTest {

    private static float[] randomImage(int size, long seed) {
        Random random = new Random(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    /**
     * Every coefficient of a random image against the double-precision reference: square and not,
     * odd padding (17 -> 24 pads 3 above and 4 below), and J=3 (periodised wavelets at resolution 1,
     * three low-pass levels).
     */
    @ParameterizedTest
    @CsvSource({"2, 16, 16, 4", "2, 16, 20, 4", "2, 12, 16, 2", "2, 17, 19, 2", "3, 16, 24, 2"})
    void coefficientsMatchAnIndependentDoublePrecisionImplementation(int scales, int height, int width, int angles) {
        Scattering2D scattering = new Scattering2D(scales, angles, height, width);
        ScatteringReference reference = new ScatteringReference(scales, angles, height, width);
        float[] image = randomImage(height * width, height * 31L + width);
        float[] actual = scattering.transform(image, 1);
        double[][] expected = reference.transform(image);
        int maps = Scattering2D.coefficients(scales, angles);
        assertEquals(maps, expected.length);
        int mapSize = (height >> scales) * (width >> scales);
        assertEquals(maps * mapSize, actual.length);
        for (int k = 0; k < maps; k++) {
            double scale = 0;
            for (double v : expected[k]) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertEquals(mapSize, expected[k].length);
            for (int i = 0; i < mapSize; i++) {
                double diff = Math.abs(actual[k * mapSize + i] - expected[k][i]);
                // float32 arithmetic on O(10^3) terms: a few 1e-7 relative to the map's scale
                assertTrue(diff <= 2e-6 * scale + 1e-7,
                        "map " + k + " value " + i + ": " + actual[k * mapSize + i] + " vs " + expected[k][i]);
            }
        }
    }

    @Test
    void filtersMatchTheReferenceFormulas() {
        FilterBank bank = new Scattering2D(2, 4, 16, 16).filters();
        ScatteringReference reference = new ScatteringReference(2, 4, 16, 16);
        assertEquals(24, bank.rows());
        for (int j = 0; j < 2; j++) {
            for (int t = 0; t < 4; t++) {
                assertClose(reference.psi[j][t], bank.psi(j, t, 0), 1e-6);
            }
        }
        assertClose(reference.phi, bank.phi(0), 1e-6);
        assertClose(ScatteringReference.periodize(reference.phi, 24, 24, 1), bank.phi(1), 1e-6);
    }

    private static void assertClose(double[] expected, float[] actual, double relative) {
        assertEquals(expected.length, actual.length);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * scale, "index " + i);
        }
    }

    /** The numbers of the shared reference (scattering.md) for a 32x32 input, J=2. */
    @Test
    void spotValuesOfTheReference() {
        assertEquals(40, Scattering2D.paddedSize(32, 2));
        assertEquals(104, Scattering2D.paddedSize(96, 2));
        assertEquals(36, Scattering2D.paddedSize(28, 2));
        assertEquals(81, Scattering2D.coefficients(2, 8));
        assertEquals(289, Scattering2D.coefficients(2, 16));
        assertEquals(1 + 3 * 8 + 64 * 3, Scattering2D.coefficients(3, 8));
        double[] l16 = {1.3744467859455345, 1.1780972450961724, 0.9817477042468103, 0.7853981633974483,
            0.5890486225480862, 0.39269908169872414, 0.19634954084936207, 0.0, -0.19634954084936207,
            -0.39269908169872414, -0.5890486225480862, -0.7853981633974483, -0.9817477042468103,
            -1.1780972450961724, -1.3744467859455345, -1.5707963267948966};
        for (int t = 0; t < 16; t++) {
            assertEquals(l16[t], FilterBank.theta(t, 16), 1e-15);
        }
        assertEquals(1.1780972450961724, FilterBank.theta(0, 8), 1e-15);
        assertEquals(-1.5707963267948966, FilterBank.theta(7, 8), 1e-15);
        FilterBank bank = new Scattering2D(2, 8, 32, 32).filters();
        assertEquals(40, bank.rows());
        // phi's DC gain carries kymatio's literal 3.1415
        assertEquals(1.0000294f, bank.phi(0)[0], 2e-7f);
        assertEquals(1.0000294f, bank.phi(1)[0], 2e-7f);
        assertEquals(20 * 20, bank.phi(1).length);
    }

    /** A constant image: order 0 is the constant times phi's DC gain, every wavelet path is 0. */
    @Test
    void constantImageKeepsOnlyTheLowPass() {
        Scattering2D scattering = new Scattering2D(2, 8, 32, 32);
        float[] image = new float[32 * 32];
        java.util.Arrays.fill(image, 0.5f);
        float[] out = scattering.transform(image, 1);
        for (int i = 0; i < 64; i++) {
            assertEquals(0.5f * 1.0000294f, out[i], 1e-6f);
        }
        for (int i = 64; i < out.length; i++) {
            assertEquals(0f, out[i], 1e-5f, "wavelet coefficient " + i);
        }
    }

    @Test
    void everyWaveletHasZeroMean() {
        FilterBank bank = new Scattering2D(2, 16, 32, 32).filters();
        for (int j = 0; j < 2; j++) {
            for (int t = 0; t < 16; t++) {
                float[] psi = bank.psi(j, t, 0);
                float max = 0;
                for (float v : psi) {
                    max = Math.max(max, Math.abs(v));
                }
                assertTrue(max > 0.5f, "psi " + j + "," + t + " peak " + max);
                assertEquals(0f, psi[0], 1e-6f * max, "psi " + j + "," + t + " at frequency 0");
            }
        }
    }

    /**
     * Energy of the filter bank: the Littlewood-Paley sum phi^2 + 1/2 sum (psi(w)^2 + psi(-w)^2)
     * (the modulus makes a wavelet and its mirror equivalent for real images) never exceeds 1 beyond
     * phi's DC excess, and stays above a frame bound over the band the two scales cover.
     */
    @Test
    void littlewoodPaleySumIsBounded() {
        int size = 32;
        Scattering2D scattering = new Scattering2D(2, 8, size, size);
        FilterBank bank = scattering.filters();
        int m = bank.rows();
        double max = 0;
        double minInBand = Double.MAX_VALUE;
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                int i = a * m + b;
                int mirror = ((m - a) % m) * m + (m - b) % m;
                double sum = bank.phi(0)[i] * bank.phi(0)[i];
                for (int j = 0; j < 2; j++) {
                    for (int t = 0; t < 8; t++) {
                        float[] psi = bank.psi(j, t, 0);
                        sum += 0.5 * (psi[i] * psi[i] + psi[mirror] * psi[mirror]);
                    }
                }
                max = Math.max(max, sum);
                double fa = 2 * Math.PI * Math.min(a, m - a) / m;
                double fb = 2 * Math.PI * Math.min(b, m - b) / m;
                if (Math.hypot(fa, fb) <= 0.75 * Math.PI) {
                    minInBand = Math.min(minInBand, sum);
                }
            }
        }
        assertTrue(max <= LP_UPPER, "Littlewood-Paley maximum " + max);
        assertTrue(minInBand >= LP_LOWER, "Littlewood-Paley minimum in band " + minInBand);
    }

    /** The maximum is at frequency 0: phi's DC gain squared, 1.0000294^2 (measured 1.0000589). */
    private static final double LP_UPPER = 1.0001;

    /** Measured 0.584 for J=2, L=8 at 40x40 within |w| <= 3 pi / 4. */
    private static final double LP_LOWER = 0.55;

    @Test
    void imagesTooSmallForThePaddingAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Scattering2D(2, 8, 4, 32));
        assertThrows(IllegalArgumentException.class, () -> new Scattering2D(0, 8, 32, 32));
    }

    /** A batch equals its images scattered one at a time (the parallel path and per-thread buffers). */
    @Test
    void batchEqualsImageByImage() {
        Scattering2D scattering = new Scattering2D(2, 4, 16, 16);
        int count = 7;
        float[] images = randomImage(count * 256, 5);
        float[] batch = scattering.transform(images, count);
        for (int i = 0; i < count; i++) {
            float[] one = scattering.transform(java.util.Arrays.copyOfRange(images, i * 256, (i + 1) * 256), 1);
            assertArrayEquals(one, java.util.Arrays.copyOfRange(batch, i * one.length, (i + 1) * one.length));
        }
    }
}
