package contrastlab.plugins.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contrastlab.api.augment.Image;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.function.Executable;

/** Test helpers shared by the augmentation tests: random images, binomial bounds, error checks. */
public final class AugmentTesting {

    private AugmentTesting() {}

    /** An image with values uniform in [0, 1), from a fixed seed. */
    public static Image randomImage(int channels, int height, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] px = new float[channels * height * width];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) random.nextDouble();
        }
        return new Image(channels, height, width, px);
    }

    /** Asserts that {@code event} happens in n trials a number of times within 4 sigma of n·p. */
    public static void assertBinomial(double p, int n, BooleanSupplier event) {
        int hits = 0;
        for (int i = 0; i < n; i++) {
            if (event.getAsBoolean()) {
                hits++;
            }
        }
        double sigma = Math.sqrt(n * p * (1 - p));
        assertTrue(Math.abs(hits - n * p) <= 4 * sigma + 1e-9,
                "expected about " + n * p + " of " + n + " (4 sigma = " + 4 * sigma + "), got " + hits);
    }

    /** Asserts an IllegalArgumentException whose message contains every fragment (e.g. the parameter name). */
    public static void assertRejects(Executable executable, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    /** Element-wise comparison of float pixels with expected doubles. */
    public static void assertPixels(double[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, "pixel count");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, "pixel " + i);
        }
    }
}
