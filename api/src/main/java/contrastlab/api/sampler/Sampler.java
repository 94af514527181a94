package contrastlab.api.sampler;

import java.util.List;

/** Orders a dataset into the batches of one epoch. */
@FunctionalInterface
public interface Sampler {

    /** The batches of epoch {@code epoch} (zero-based), each an array of image indices. */
    List<int[]> batches(int epoch);
}
