package contrastlab.runtime.wiring;

import contrastlab.api.evaluate.Evaluator;

/** An evaluator of the run: metrics are reported as {@code name.metric}. */
public record ActiveEvaluator(String name, int everyEpochs, Evaluator evaluator) {

    /** Whether it runs after epoch {@code epoch} (zero-based) of {@code total}; every 0 = the last only. */
    public boolean runsAfter(int epoch, int total) {
        return epoch + 1 == total || everyEpochs > 0 && (epoch + 1) % everyEpochs == 0;
    }
}
