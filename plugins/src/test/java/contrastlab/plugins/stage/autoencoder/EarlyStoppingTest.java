package contrastlab.plugins.stage.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void stopsAfterPatienceEpochsWithoutAStrictImprovementAndKeepsTheBestEpoch() {
        double[] losses = {0.5, 0.3, 0.31, 0.2, 0.25, 0.2, 0.1};
        EarlyStopping s = EarlyStopping.start(2);
        int epoch = 0;
        while (!s.stop()) {
            s = s.observe(epoch, losses[epoch]);
            epoch++;
        }
        // 0.2 at epoch 3; 0.25 and an equal 0.2 (not an improvement, min_delta 0) stop it after epoch 5
        assertEquals(6, epoch);
        assertEquals(3, s.bestEpoch());
        assertEquals(0.2, s.best());
        assertFalse(s.improvedLast());
    }

    @Test
    void anImprovementResetsTheCount() {
        EarlyStopping s = EarlyStopping.start(2).observe(0, 1.0).observe(1, 1.5);
        assertFalse(s.stop());
        s = s.observe(2, 0.9);
        assertTrue(s.improvedLast());
        assertEquals(2, s.bestEpoch());
        assertFalse(s.observe(3, 1.0).stop());
        assertTrue(s.observe(3, 1.0).observe(4, 1.0).stop());
    }

    @Test
    void parametersRejectAValidationFractionThatLeavesNoHeldOutImages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AutoencoderParameters(0.01, 100, 2, 0.0, 64, 1e-3));
        assertTrue(e.getMessage().contains("validationFraction"), e.getMessage());
    }

    @Test
    void theHeldOutPartIsSeededDisjointAndAboutTheFraction() {
        int[][] a = AutoencoderStage.holdOut(1000, 0.1, 3);
        int[][] b = AutoencoderStage.holdOut(1000, 0.1, 3);
        int[][] c = AutoencoderStage.holdOut(1000, 0.1, 4);
        assertEquals(100, a[0].length);
        assertEquals(900, a[1].length);
        assertEquals(java.util.Arrays.toString(a[0]), java.util.Arrays.toString(b[0]));
        assertFalse(java.util.Arrays.equals(a[0], c[0]));
        java.util.Set<Integer> all = new java.util.HashSet<>();
        for (int[] part : a) {
            for (int i : part) {
                assertTrue(all.add(i), "index " + i + " in both parts");
            }
        }
        assertEquals(1000, all.size());
    }
}
