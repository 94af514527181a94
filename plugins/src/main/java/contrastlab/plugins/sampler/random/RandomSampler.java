package contrastlab.plugins.sampler.random;

import contrastlab.api.sampler.Sampler;
import contrastlab.api.util.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A fresh uniform permutation of the whole dataset every epoch, cut into batches. */
final class RandomSampler implements Sampler {

    /** Separates the sampler's random stream from the other (seed, epoch, ...) streams of a run. */
    private static final long STREAM = 0x5A3D_1E5L;

    private final int size;
    private final int batchSize;
    private final long seed;
    private final boolean dropLast;

    RandomSampler(int size, int batchSize, long seed, boolean dropLast) {
        this.size = size;
        this.batchSize = batchSize;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    @Override
    public List<int[]> batches(int epoch) {
        int[] order = permutation(epoch);
        int full = size / batchSize;
        boolean partial = !dropLast && size % batchSize != 0;
        List<int[]> batches = new ArrayList<>(full + (partial ? 1 : 0));
        for (int b = 0; b < full; b++) {
            batches.add(Arrays.copyOfRange(order, b * batchSize, (b + 1) * batchSize));
        }
        if (partial) {
            batches.add(Arrays.copyOfRange(order, full * batchSize, size));
        }
        return batches;
    }

    /** Fisher-Yates shuffle driven by (seed, epoch) alone, so a resumed run sees the same order. */
    private int[] permutation(int epoch) {
        return Seeds.permutation(size, Seeds.random(seed, STREAM, epoch));
    }
}
