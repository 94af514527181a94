package contrastlab.plugins.augment.crop;

import static contrastlab.plugins.augment.AugmentTesting.assertRejects;
import static contrastlab.plugins.augment.AugmentTesting.randomImage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomResizedCropTest {

    private static final RandomResizedCropPlugin PLUGIN = new RandomResizedCropPlugin();

    @Test
    void areaFractionIsUniformAndAspectRatioLogUniform() {
        // scale * ratio <= 1, so no try can fail and the sampled values are seen unbiased
        RandomResizedCrop crop = new RandomResizedCrop(32, 32, 0.1, 0.5, 1.0, 2.0);
        SplittableRandom random = new SplittableRandom(3);
        int n = 20000;
        int size = 512;
        double area = 0;
        double logAspect = 0;
        double top = 0;
        double left = 0;
        for (int i = 0; i < n; i++) {
            CropBox box = crop.sample(size, size, random);
            assertInside(box, size, size);
            area += (double) box.height() * box.width() / (size * size);
            logAspect += Math.log((double) box.width() / box.height());
            top += (double) box.top() / (size - box.height());
            left += (double) box.left() / (size - box.width());
        }
        assertEquals(0.3, area / n, 0.005, "mean area fraction of U(0.1, 0.5)");
        assertEquals(Math.log(2) / 2, logAspect / n, 0.01, "mean log aspect of logU(1, 2)");
        assertEquals(0.5, top / n, 0.01, "top row uniform over the free rows");
        assertEquals(0.5, left / n, 0.01, "left column uniform over the free columns");
    }

    @Test
    void defaultParametersOnCifarSizedImagesStayInside() {
        RandomResizedCrop crop = (RandomResizedCrop) PLUGIN.create(new RandomResizedCropParameters(
                List.of(32), List.of(0.08, 1.0), List.of(0.75, 4.0 / 3.0)));
        SplittableRandom random = new SplittableRandom(4);
        double logAspect = 0;
        for (int i = 0; i < 5000; i++) {
            CropBox box = crop.sample(32, 32, random);
            assertInside(box, 32, 32);
            assertTrue(box.height() * box.width() >= 0.08 * 1024 * 0.8, "crop too small: " + box);
            logAspect += Math.log((double) box.width() / box.height());
        }
        assertEquals(0.0, logAspect / 5000, 0.02, "symmetric ratio range gives a zero mean log aspect");
    }

    @Test
    void failedTriesAreRedrawn() {
        // on 10x10 with area 90-100% many tries give a side above 10; every returned box must still fit
        RandomResizedCrop crop = new RandomResizedCrop(10, 10, 0.9, 1.0, 0.5, 2.0);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 2000; i++) {
            assertInside(crop.sample(10, 10, random), 10, 10);
        }
    }

    @Test
    void fallbackForAWideImageUsesMaxRatioWithPythonRounding() {
        RandomResizedCrop crop = new RandomResizedCrop(8, 8, 0.9, 1.0, 0.75, 1.25);
        // every try wants a side of ~13 px, taller than 2 rows; fallback h = 2, w = round(2 * 1.25) = round(2.5) = 2
        assertEquals(new CropBox(0, 49, 2, 2), crop.sample(2, 100, new SplittableRandom(6)));
    }

    @Test
    void fallbackForATallImageUsesMinRatio() {
        RandomResizedCrop crop = new RandomResizedCrop(8, 8, 0.9, 1.0, 2.0, 3.0);
        // w = 5, h = round(5 / 2) = round(2.5) = 2 (Java's Math.round would give 3), top = (100 - 2) / 2
        assertEquals(new CropBox(49, 0, 2, 5), crop.sample(100, 5, new SplittableRandom(7)));
    }

    @Test
    void fallbackWithinTheRatioRangeIsTheWholeImage() {
        RandomResizedCrop crop = new RandomResizedCrop(4, 4, 2.0, 3.0, 0.75, 4.0 / 3.0);
        assertEquals(new CropBox(0, 0, 4, 4), crop.sample(4, 4, new SplittableRandom(8)));
    }

    @Test
    void applyCropsTheSampledBoxAndResizes() {
        Image src = randomImage(3, 20, 24, 9);
        RandomResizedCrop crop = new RandomResizedCrop(12, 16, 0.08, 1.0, 0.75, 4.0 / 3.0);
        for (long seed = 0; seed < 20; seed++) {
            Image out = crop.apply(src.copy(), new SplittableRandom(seed));
            CropBox box = crop.sample(20, 24, new SplittableRandom(seed));
            Image expected = BilinearResize.resizedCrop(src, box, 12, 16);
            assertEquals(3, out.channels());
            assertEquals(12, out.height());
            assertEquals(16, out.width());
            assertArrayEquals(expected.pixels(), out.pixels());
        }
    }

    @Test
    void sameSeedSamePixelsOtherSeedOtherPixels() {
        Augmentation crop = PLUGIN.create(new RandomResizedCropParameters(List.of(16, 16), List.of(0.08, 1.0),
                List.of(0.75, 4.0 / 3.0)));
        Image src = randomImage(3, 32, 32, 10);
        float[] a = crop.apply(src.copy(), new SplittableRandom(42)).pixels();
        float[] b = crop.apply(src.copy(), new SplittableRandom(42)).pixels();
        float[] c = crop.apply(src.copy(), new SplittableRandom(43)).pixels();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void squareAndRectangularSizes() {
        RandomResizedCrop square = (RandomResizedCrop) PLUGIN.create(
                new RandomResizedCropParameters(List.of(24), List.of(0.5, 1.0), List.of(1.0, 1.0)));
        assertEquals(24, square.outHeight());
        assertEquals(24, square.outWidth());
        RandomResizedCrop rect = (RandomResizedCrop) PLUGIN.create(
                new RandomResizedCropParameters(List.of(24, 16), List.of(0.5, 1.0), List.of(1.0)));
        assertEquals(24, rect.outHeight());
        assertEquals(16, rect.outWidth());
    }

    @Test
    void rejectsBadParameters() {
        List<Double> scale = List.of(0.08, 1.0);
        List<Double> ratio = List.of(0.75, 4.0 / 3.0);
        assertRejects(() -> PLUGIN.create(PLUGIN.defaults()), "random-resized-crop", "size", "required");
        assertRejects(() -> PLUGIN.create(new RandomResizedCropParameters(List.of(0), scale, ratio)), "size");
        assertRejects(() -> PLUGIN.create(new RandomResizedCropParameters(List.of(1, 2, 3), scale, ratio)), "size");
        assertRejects(() -> PLUGIN.create(new RandomResizedCropParameters(List.of(32), List.of(0.9, 0.1), ratio)),
                "scale");
        assertRejects(() -> PLUGIN.create(new RandomResizedCropParameters(List.of(32), List.of(-0.1, 1.0), ratio)),
                "scale");
        assertRejects(() -> PLUGIN.create(new RandomResizedCropParameters(List.of(32), scale, List.of(0.0, 1.0))),
                "ratio");
        assertRejects(() -> PLUGIN.create(new RandomResizedCropParameters(List.of(32), scale, List.of(2.0, 1.0))),
                "ratio");
    }

    private static void assertInside(CropBox box, int height, int width) {
        assertTrue(box.height() > 0 && box.width() > 0, "empty box " + box);
        assertTrue(box.top() >= 0 && box.top() + box.height() <= height, "rows outside: " + box);
        assertTrue(box.left() >= 0 && box.left() + box.width() <= width, "columns outside: " + box);
    }
}
