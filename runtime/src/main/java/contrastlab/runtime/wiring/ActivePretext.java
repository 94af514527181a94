package contrastlab.runtime.wiring;

import contrastlab.api.pretext.PretextTask;

/** A pretext task of the run with its weight schedule. */
public record ActivePretext(String name, PretextTask task, double weight, int warmupEpochs) {

    /** λ for epoch {@code epoch} (zero-based): 0 during the warm-up, then the weight. */
    public double weightAt(int epoch) {
        return epoch < warmupEpochs ? 0 : weight;
    }
}
