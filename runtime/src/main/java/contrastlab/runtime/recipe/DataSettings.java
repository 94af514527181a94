package contrastlab.runtime.recipe;

/**
 * The {@code data} section: how batches are prepared.
 *
 * @param workers augmentation threads; 0 picks one per core
 * @param prefetch batches prepared ahead of the training step
 * @param sharedDraws every image of a batch gets the same random draws (per view), as G-SimCLR's
 *     original augments the whole batch tensor at once; off = independent draws per image (SimCLR)
 */
public record DataSettings(int workers, int prefetch, boolean sharedDraws) {

    public DataSettings {
        if (workers < 0 || prefetch < 1) {
            throw new IllegalArgumentException("data.workers must be >= 0 and data.prefetch >= 1");
        }
    }

    public static DataSettings defaults() {
        return new DataSettings(0, 4, false);
    }
}
