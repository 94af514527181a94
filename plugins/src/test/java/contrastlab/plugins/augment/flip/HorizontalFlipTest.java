package contrastlab.plugins.augment.flip;

import static contrastlab.plugins.augment.AugmentTesting.assertBinomial;
import static contrastlab.plugins.augment.AugmentTesting.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HorizontalFlipTest {

    private static final HorizontalFlipPlugin PLUGIN = new HorizontalFlipPlugin();

    @Test
    void reversesEveryRowOfEveryChannel() {
        // 2 channels x 2 rows x 3 columns, odd width so the middle column stays put
        float[] px = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        Image out = new HorizontalFlip(1.0).apply(new Image(2, 2, 3, px), new SplittableRandom(1));
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10}, out.pixels());
        Image even = new HorizontalFlip(1.0).apply(new Image(1, 1, 4, new float[] {1, 2, 3, 4}), new SplittableRandom(1));
        assertArrayEquals(new float[] {4, 3, 2, 1}, even.pixels());
    }

    @Test
    void neverFlipsWithPZero() {
        Augmentation flip = new HorizontalFlip(0.0);
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(new float[] {1, 2}, flip.apply(new Image(1, 1, 2, new float[] {1, 2}), random).pixels());
        }
    }

    @Test
    void flipsWithProbabilityP() {
        SplittableRandom random = new SplittableRandom(3);
        Augmentation defaultFlip = PLUGIN.create(PLUGIN.defaults());
        assertEquals(0.5, PLUGIN.defaults().p());
        assertBinomial(0.5, 20000, () -> flipped(defaultFlip, random));
        Augmentation rare = PLUGIN.create(new HorizontalFlipParameters(0.3));
        assertBinomial(0.3, 20000, () -> flipped(rare, random));
    }

    @Test
    void rejectsAProbabilityOutsideTheUnitInterval() {
        assertRejects(() -> PLUGIN.create(new HorizontalFlipParameters(1.5)), "horizontal-flip", "p");
        assertRejects(() -> PLUGIN.create(new HorizontalFlipParameters(-0.1)), "p");
        assertRejects(() -> PLUGIN.create(new HorizontalFlipParameters(Double.NaN)), "p");
    }

    private static boolean flipped(Augmentation flip, SplittableRandom random) {
        return flip.apply(new Image(1, 1, 2, new float[] {0, 1}), random).pixels()[0] == 1f;
    }
}
