package contrastlab.runtime.wiring;

import contrastlab.api.evaluate.Evaluator;

/**
 * An evaluator of the run: metrics are reported as {@code name.metric}.
 *
 * @param afterTraining whether it runs in the recipe's {@code evaluate} stage (on the final weights)
 *     instead of inside the training loop; true for {@code everyEpochs: 0} when the recipe has that stage
 */
public record ActiveEvaluator(String name, int everyEpochs, Evaluator evaluator, boolean afterTraining) {

    /** An evaluator of the training loop. */
    public ActiveEvaluator(String name, int everyEpochs, Evaluator evaluator) {
        this(name, everyEpochs, evaluator, false);
    }

    /** Whether it runs after epoch {@code epoch} (zero-based) of {@code total}; every 0 = the last only. */
    public boolean runsAfter(int epoch, int total) {
        if (afterTraining) {
            return false;
        }
        return epoch + 1 == total || everyEpochs > 0 && (epoch + 1) % everyEpochs == 0;
    }
}
