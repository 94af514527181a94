package contrastlab.runtime.run;

import java.util.List;
import java.util.Map;

/**
 * The scalar part of a checkpoint.
 *
 * @param epochsCompleted epochs finished (the next epoch to run, zero-based)
 * @param globalStep optimizer steps taken
 * @param wallSeconds training time so far, summed over resumptions
 * @param metrics every row of {@code metrics.csv} so far
 * @param optimizerSteps per-parameter update counts, keyed by the model's stable parameter names
 */
public record TrainingState(int epochsCompleted, long globalStep, double wallSeconds, List<Map<String, Double>> metrics,
        Map<String, Long> optimizerSteps) {}
