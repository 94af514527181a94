package contrastlab.plugins.backbone.scatnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link BatchFft} and {@link Fft2} against a naive DFT in double precision. */
class FftTest {

    /** Planar complex random values: {@code size} real parts, then {@code size} imaginary parts. */
    private static float[] random(int size, long seed) {
        Random random = new Random(seed);
        float[] x = new float[2 * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    /** DFT along axis 0 of a planar length x width matrix, sign -1 (forward) or +1 (unnormalised inverse). */
    private static double[] naiveDft(float[] x, int length, int width, int sign) {
        int size = length * width;
        double[] y = new double[2 * size];
        for (int k = 0; k < length; k++) {
            for (int j = 0; j < length; j++) {
                double angle = sign * 2 * Math.PI * ((long) j * k % length) / length;
                double c = Math.cos(angle);
                double s = Math.sin(angle);
                for (int w = 0; w < width; w++) {
                    double re = x[j * width + w];
                    double im = x[size + j * width + w];
                    y[k * width + w] += re * c - im * s;
                    y[size + k * width + w] += re * s + im * c;
                }
            }
        }
        return y;
    }

    /** Largest error relative to the largest magnitude of the expected values. */
    private static double relativeError(double[] expected, float[] actual) {
        double scale = 0;
        double error = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            error = Math.max(error, Math.abs(expected[i] - actual[i]));
        }
        return error / scale;
    }

    /** Every size the padded 32x32 and 96x96 images use (40, 20, 10; 104, 52, 26), the test sizes, primes. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 16, 20, 24, 26, 28, 36, 40, 52, 104, 17 * 3})
    void batchFftMatchesTheNaiveDft(int length) {
        int width = 5;
        BatchFft fft = new BatchFft(length, width);
        float[] x = random(length * width, length);
        double[] expected = naiveDft(x, length, width, -1);
        float[] a = x.clone();
        float[] b = new float[a.length];
        fft.forward(a, 0, length * width, b, 0, length * width, new float[fft.scratchSize()]);
        float[] result = fft.stages() % 2 == 0 ? a : b;
        double error = relativeError(expected, result);
        // float32 with log-depth accumulation: a few 1e-7
        assertTrue(error < 2e-6, "length " + length + ": relative error " + error);
    }

    @Test
    void factorsPutRadixFourFirstAndOddRadicesLast() {
        assertArrayEquals(new int[] {4, 2, 13}, BatchFft.factor(104));
        assertArrayEquals(new int[] {4, 13}, BatchFft.factor(52));
        assertArrayEquals(new int[] {4, 2, 5}, BatchFft.factor(40));
        assertArrayEquals(new int[] {3, 3, 17}, BatchFft.factor(153));
        assertArrayEquals(new int[] {}, BatchFft.factor(1));
    }

    /**
     * The 2-D forward transform leaves the spectrum transposed; the inverse reads it so and returns the
     * input, normalised as torch.fft.ifft2.
     */
    @ParameterizedTest
    @CsvSource({"40, 40", "20, 20", "10, 10", "104, 104", "52, 52", "26, 26", "24, 28", "9, 12"})
    void twoDimensionalTransformIsTheTransposedDftAndInvertsIt(int m, int n) {
        Fft2 fft = new Fft2(m, n);
        int size = m * n;
        float[] x = random(size, 31L * m + n);
        // the 2-D DFT: along axis 0 (length m, width n), transpose, along axis 0 again (length n, width m)
        double[] rowsDone = naiveDft(x, m, n, -1);
        float[] transposed = new float[2 * size];
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < n; c++) {
                transposed[c * m + r] = (float) rowsDone[r * n + c];
                transposed[size + c * m + r] = (float) rowsDone[size + r * n + c];
            }
        }
        double[] expected = naiveDft(transposed, n, m, -1);
        float[] a = x.clone();
        fft.forward(a);
        double forwardError = relativeError(expected, a);
        assertTrue(forwardError < 3e-6, m + "x" + n + " forward: relative error " + forwardError);
        fft.inverse(a);
        double[] original = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            original[i] = x[i];
        }
        double inverseError = relativeError(original, a);
        assertTrue(inverseError < 3e-6, m + "x" + n + " round trip: relative error " + inverseError);
    }
}
