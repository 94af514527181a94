package contrastlab.plugins.augment.color;

import static contrastlab.plugins.augment.AugmentTesting.assertBinomial;
import static contrastlab.plugins.augment.AugmentTesting.assertRejects;
import static contrastlab.plugins.augment.AugmentTesting.randomImage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class ColorJitterTest {

    private static final ColorJitterPlugin PLUGIN = new ColorJitterPlugin();

    @Test
    void factorsAreUniformOverTheTorchvisionRanges() {
        ColorJitter jitter = new ColorJitter(0.4, 0.2, 1.5, 0.1, 1.0);
        checkUniform(jitter, JitterDraw::brightness, 0.6, 1.4);
        checkUniform(jitter, JitterDraw::contrast, 0.8, 1.2);
        checkUniform(jitter, JitterDraw::saturation, 0.0, 2.5); // 1 - 1.5 clipped at 0
        checkUniform(jitter, JitterDraw::hue, -0.1, 0.1);
    }

    @Test
    void aZeroValueDisablesItsOp() {
        JitterDraw draw = new ColorJitter(0.4, 0, 0, 0, 1.0).draw(new SplittableRandom(1));
        assertFalse(Double.isNaN(draw.brightness()));
        assertTrue(Double.isNaN(draw.contrast()));
        assertTrue(Double.isNaN(draw.saturation()));
        assertTrue(Double.isNaN(draw.hue()));
        // only brightness runs: whatever the order, the result is clamp(f * x)
        Image image = randomImage(3, 2, 3, 2);
        float[] in = image.pixels().clone();
        ColorJitter.applyDraw(image, draw);
        for (int i = 0; i < in.length; i++) {
            assertEquals(Math.min(1, draw.brightness() * in[i]), image.pixels()[i], 1e-6);
        }
    }

    @Test
    void everyOrderOfTheFourOpsIsEquallyLikely() {
        ColorJitter jitter = new ColorJitter(0.4, 0.4, 0.4, 0.1, 1.0);
        SplittableRandom random = new SplittableRandom(3);
        int n = 24000;
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int[] order = jitter.draw(random).order();
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            assertArrayEquals(new int[] {0, 1, 2, 3}, sorted, "not a permutation");
            counts.merge(Arrays.toString(order), 1, Integer::sum);
        }
        assertEquals(24, counts.size());
        double sigma = Math.sqrt(n * (1.0 / 24) * (23.0 / 24));
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            assertEquals(n / 24.0, e.getValue(), 4 * sigma, "order " + e.getKey());
        }
    }

    @Test
    void opsRunInTheDrawnOrder() {
        Image source = randomImage(3, 4, 5, 4);
        JitterDraw draw = new JitterDraw(new int[] {3, 0, 2, 1}, 1.3, 0.7, 1.6, 0.2);
        Image actual = source.copy();
        ColorJitter.applyDraw(actual, draw);
        Image expected = source.copy();
        ColorOps.hue(expected, 0.2);
        ColorOps.brightness(expected, 1.3);
        ColorOps.saturation(expected, 1.6);
        ColorOps.contrast(expected, 0.7);
        assertArrayEquals(expected.pixels(), actual.pixels());

        Image other = source.copy();
        ColorJitter.applyDraw(other, new JitterDraw(new int[] {1, 2, 0, 3}, 1.3, 0.7, 1.6, 0.2));
        assertFalse(Arrays.equals(actual.pixels(), other.pixels()), "the order must matter (clamping)");
    }

    @Test
    void applyUsesOneDrawPerCall() {
        ColorJitter jitter = new ColorJitter(0.4, 0.4, 0.4, 0.1, 1.0);
        Image source = randomImage(3, 4, 5, 5);
        for (long seed = 0; seed < 10; seed++) {
            Image actual = jitter.apply(source.copy(), new SplittableRandom(seed));
            Image expected = source.copy();
            ColorJitter.applyDraw(expected, jitter.draw(new SplittableRandom(seed)));
            assertArrayEquals(expected.pixels(), actual.pixels());
        }
    }

    @Test
    void appliesWithProbabilityP() {
        Augmentation jitter = PLUGIN.create(new ColorJitterParameters(0.4, 0.4, 0.4, 0.1, 0, 0.8));
        SplittableRandom random = new SplittableRandom(6);
        Image source = randomImage(3, 2, 2, 6);
        assertBinomial(0.8, 10000, () -> !Arrays.equals(source.pixels(), jitter.apply(source.copy(), random).pixels()));
    }

    @Test
    void sameSeedSamePixels() {
        Augmentation jitter = PLUGIN.create(new ColorJitterParameters(0, 0, 0, 0, 1.0, 0.8));
        Image source = randomImage(3, 8, 8, 7);
        float[] a = jitter.apply(source.copy(), new SplittableRandom(9)).pixels();
        float[] b = jitter.apply(source.copy(), new SplittableRandom(9)).pixels();
        assertArrayEquals(a, b);
    }

    @Test
    void grayImagesGetBrightnessAndContrastOnly() {
        Image gray = randomImage(1, 3, 3, 8);
        Image out = new ColorJitter(0.4, 0.4, 0.4, 0.1, 1.0).apply(gray.copy(), new SplittableRandom(10));
        assertEquals(1, out.channels());
        assertFalse(Arrays.equals(gray.pixels(), out.pixels()));
    }

    @Test
    void strengthIsTheSimclrShorthand() {
        ColorJitter half = ColorJitterPlugin.build(new ColorJitterParameters(0, 0, 0, 0, 0.5, 0.8));
        assertEquals(0.4, half.brightness(), 1e-12);
        assertEquals(0.4, half.contrast(), 1e-12);
        assertEquals(0.4, half.saturation(), 1e-12);
        assertEquals(0.1, half.hue(), 1e-12);
        assertEquals(0.8, half.p());
        ColorJitter full = ColorJitterPlugin.build(new ColorJitterParameters(0, 0, 0, 0, 1.0, 1.0));
        assertEquals(0.8, full.brightness(), 1e-12);
        assertEquals(0.2, full.hue(), 1e-12);
        ColorJitter explicit = ColorJitterPlugin.build(new ColorJitterParameters(0.1, 0.2, 0.3, 0.05, 0, 1.0));
        assertEquals(0.3, explicit.saturation());
        assertEquals(0.05, explicit.hue());
    }

    @Test
    void rejectsBadParameters() {
        assertRejects(() -> PLUGIN.create(new ColorJitterParameters(0.4, 0, 0, 0, 0.5, 1.0)),
                "color-jitter", "strength");
        assertRejects(() -> PLUGIN.create(new ColorJitterParameters(0, 0, 0, 0, 3.0, 1.0)), "strength");
        assertRejects(() -> PLUGIN.create(new ColorJitterParameters(0, 0, 0, 0, -1.0, 1.0)), "strength");
        assertRejects(() -> PLUGIN.create(new ColorJitterParameters(-0.1, 0, 0, 0, 0, 1.0)), "brightness");
        assertRejects(() -> PLUGIN.create(new ColorJitterParameters(0, -0.1, 0, 0, 0, 1.0)), "contrast");
        assertRejects(() -> PLUGIN.create(new ColorJitterParameters(0, 0, Double.NaN, 0, 0, 1.0)), "saturation");
        assertRejects(() -> PLUGIN.create(new ColorJitterParameters(0, 0, 0, 0.6, 0, 1.0)), "hue");
        assertRejects(() -> PLUGIN.create(new ColorJitterParameters(0, 0, 0, -0.1, 0, 1.0)), "hue");
        assertRejects(() -> PLUGIN.create(new ColorJitterParameters(0.4, 0, 0, 0, 0, 1.2)), "p");
        Augmentation skipping = PLUGIN.create(new ColorJitterParameters(0.4, 0, 0, 0, 0, 0.0));
        assertRejects(() -> skipping.apply(randomImage(2, 2, 2, 1), new SplittableRandom(1)), "channels");
    }

    private static void checkUniform(ColorJitter jitter, ToDoubleFunction<JitterDraw> factor, double lo, double hi) {
        SplittableRandom random = new SplittableRandom(11);
        int n = 20000;
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            double v = factor.applyAsDouble(jitter.draw(random));
            assertTrue(v >= lo && v <= hi, v + " outside [" + lo + ", " + hi + "]");
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double sd = (hi - lo) / Math.sqrt(12);
        assertEquals((lo + hi) / 2, sum / n, 4 * sd / Math.sqrt(n), "mean");
        assertTrue(min < lo + 0.01 * (hi - lo) && max > hi - 0.01 * (hi - lo), "range not covered: " + min + ".." + max);
    }
}
