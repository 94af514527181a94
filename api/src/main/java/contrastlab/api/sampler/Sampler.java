package contrastlab.api.sampler;

import java.util.List;
import java.util.Map;

/** Orders a dataset into the batches of one epoch. */
@FunctionalInterface
public interface Sampler {

    /** The batches of epoch {@code epoch} (zero-based), each an array of image indices. */
    List<int[]> batches(int epoch);

    /**
     * Statistics of epoch {@code epoch}'s batches that the runtime logs with the epoch's metrics,
     * prefixed {@code sampler.} (e.g. the fraction of batches with a repeated pseudo-label).
     */
    default Map<String, Double> epochMetrics(int epoch) {
        return Map.of();
    }
}
