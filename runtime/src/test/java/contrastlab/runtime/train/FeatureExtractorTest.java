package contrastlab.runtime.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

    @Test
    void nanInfinityAndIdenticalRowsAreRejected() {
        assertDoesNotThrow(() -> FeatureExtractor.requireInformative(new float[] {1, 2, 1, 3}, 2));
        TrainingDivergedException nan = assertThrows(TrainingDivergedException.class,
                () -> FeatureExtractor.requireInformative(new float[] {1, Float.NaN, 1, 3}, 2));
        assertTrue(nan.getMessage().contains("not finite"));
        assertThrows(TrainingDivergedException.class,
                () -> FeatureExtractor.requireInformative(new float[] {1, 2, Float.POSITIVE_INFINITY, 3}, 2));
        TrainingDivergedException same = assertThrows(TrainingDivergedException.class,
                () -> FeatureExtractor.requireInformative(new float[] {0, 0.5f, 0, 0.5f, 0, 0.5f}, 2));
        assertTrue(same.getMessage().contains("same evaluation features"));
    }
}
