package contrastlab.plugins.augment.color;

import static contrastlab.plugins.augment.AugmentTesting.assertBinomial;
import static contrastlab.plugins.augment.AugmentTesting.assertPixels;
import static contrastlab.plugins.augment.AugmentTesting.assertRejects;
import static contrastlab.plugins.augment.AugmentTesting.randomImage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GrayscaleTest {

    private static final GrayscalePlugin PLUGIN = new GrayscalePlugin();

    private static double[] luma(Image image) {
        float[] px = image.pixels();
        int plane = image.height() * image.width();
        double[] l = new double[plane];
        for (int i = 0; i < plane; i++) {
            l[i] = 0.2989 * px[i] + 0.587 * px[i + plane] + 0.114 * px[i + 2 * plane];
        }
        return l;
    }

    @Test
    void keepsThreeChannelsWithTheTensorLuma() {
        Image image = randomImage(3, 2, 3, 31);
        double[] l = luma(image);
        Image out = PLUGIN.create(PLUGIN.defaults()).apply(image, new SplittableRandom(1));
        assertEquals(3, out.channels());
        double[] expected = new double[18];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(l, 0, expected, c * 6, 6);
        }
        assertPixels(expected, out.pixels(), 1e-7);
    }

    @Test
    void oneOutputChannel() {
        Image image = randomImage(3, 4, 5, 32);
        double[] l = luma(image);
        Image out = PLUGIN.create(new GrayscaleParameters(1, 1.0)).apply(image, new SplittableRandom(1));
        assertEquals(1, out.channels());
        assertPixels(l, out.pixels(), 1e-7);
    }

    @Test
    void grayInput() {
        Image gray = randomImage(1, 2, 3, 33);
        float[] px = gray.pixels().clone();
        assertArrayEquals(px, PLUGIN.create(PLUGIN.defaults()).apply(gray.copy(), new SplittableRandom(1)).pixels());
        Image rgb = PLUGIN.create(new GrayscaleParameters(3, 1.0)).apply(gray.copy(), new SplittableRandom(1));
        assertEquals(3, rgb.channels());
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 6; i++) {
                assertEquals(px[i], rgb.pixels()[c * 6 + i]);
            }
        }
    }

    @Test
    void convertsWithProbabilityP() {
        Augmentation gray = PLUGIN.create(new GrayscaleParameters(0, 0.2));
        SplittableRandom random = new SplittableRandom(2);
        assertBinomial(0.2, 20000, () -> {
            float[] px = gray.apply(new Image(3, 1, 1, new float[] {0.9f, 0.1f, 0.4f}), random).pixels();
            return px[0] == px[1] && px[1] == px[2];
        });
    }

    @Test
    void rejectsBadParameters() {
        assertRejects(() -> PLUGIN.create(new GrayscaleParameters(2, 1.0)), "grayscale", "numOutputChannels");
        assertRejects(() -> PLUGIN.create(new GrayscaleParameters(0, 1.5)), "p");
        Augmentation mixed = PLUGIN.create(new GrayscaleParameters(1, 0.2));
        assertRejects(() -> mixed.apply(randomImage(3, 2, 2, 1), new SplittableRandom(1)), "numOutputChannels");
        Augmentation always = PLUGIN.create(PLUGIN.defaults());
        assertRejects(() -> always.apply(randomImage(4, 2, 2, 1), new SplittableRandom(1)), "1 or 3 channels, got 4");
    }
}
