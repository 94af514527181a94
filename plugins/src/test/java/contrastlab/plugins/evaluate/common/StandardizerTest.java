package contrastlab.plugins.evaluate.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StandardizerTest {

    @Test
    void standardisationUsesTheTrainMeanAndPopulationStd() {
        // column 0: 1, 3, 5 -> mean 3, std sqrt(8/3); column 1 constant -> std 1
        Standardizer s = Standardizer.fit(new float[] {1, 10, 3, 10, 5, 10}, 3, 2);
        assertArrayEquals(new float[] {3, 10}, s.mean(), 1e-6f);
        assertArrayEquals(new float[] {(float) Math.sqrt(8.0 / 3), 1}, s.std(), 1e-6f);
        float[] applied = s.apply(new float[] {5, 12});
        assertArrayEquals(new float[] {(float) (2 / Math.sqrt(8.0 / 3)), 2}, applied, 1e-6f);
        // large offsets keep their variance (two-pass)
        Standardizer big = Standardizer.fit(new float[] {10000.5f, 10001.5f}, 2, 1);
        assertEquals(0.5f, big.std()[0], 1e-6f);
    }
}
