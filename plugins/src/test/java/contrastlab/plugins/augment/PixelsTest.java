package contrastlab.plugins.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PixelsTest {

    @Test
    void pythonRoundSendsHalvesToTheEvenNeighbour() {
        assertEquals(2, Pixels.pythonRound(2.5));
        assertEquals(4, Pixels.pythonRound(3.5));
        assertEquals(0, Pixels.pythonRound(0.5));
        assertEquals(-2, Pixels.pythonRound(-2.5));
        assertEquals(3, Pixels.pythonRound(2.5000001));
        assertEquals(2, Pixels.pythonRound(2.4999999));
    }

    @Test
    void lumaUsesTorchvisionTensorWeights() {
        assertEquals(0.2989 * 0.2 + 0.587 * 0.4 + 0.114 * 0.9, Pixels.luma(0.2f, 0.4f, 0.9f), 1e-7);
        assertEquals(0.9999, Pixels.luma(1f, 1f, 1f), 1e-7);
    }

    @Test
    void blendFormulaWithClamping() {
        float[] px = {0.1f, 0.5f, 0.9f, 0.7f};
        Pixels.blend(px, 1, 3, 0.3f, 1.5);
        assertEquals(0.1f, px[0]);
        assertEquals(1.5 * 0.5 - 0.5 * 0.3, px[1], 1e-7);
        assertEquals(1.0f, px[2]);
        assertEquals(0.7f, px[3]);
        float[] low = {0.1f};
        Pixels.blend(low, 0, 1, 0.9f, 2.0);
        assertEquals(0f, low[0]);
    }

    @Test
    void uniformStaysInRangeAndSinglePointTakesNoDraw() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            double v = Draws.uniform(random, 0.6, 1.4);
            assertTrue(v >= 0.6 && v < 1.4, "out of range: " + v);
        }
        SplittableRandom a = new SplittableRandom(5);
        SplittableRandom b = new SplittableRandom(5);
        assertEquals(0.7, Draws.uniform(a, 0.7, 0.7));
        assertTrue(Draws.chance(a, 1.0));
        assertTrue(!Draws.chance(a, 0.0));
        assertEquals(b.nextLong(), a.nextLong(), "certain outcomes must not consume draws");
    }

    @Test
    void chanceHasProbabilityP() {
        SplittableRandom random = new SplittableRandom(2);
        AugmentTesting.assertBinomial(0.3, 20000, () -> Draws.chance(random, 0.3));
    }
}
