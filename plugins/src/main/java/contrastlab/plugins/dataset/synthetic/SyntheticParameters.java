package contrastlab.plugins.dataset.synthetic;

/**
 * Parameters of the {@code synthetic} dataset.
 *
 * @param size number of train images
 * @param testSize number of test images
 * @param classes number of classes
 * @param channels channels per image
 * @param height image height in pixels
 * @param width image width in pixels
 * @param seed the images are a pure function of the parameters; the seed picks the per-image variation
 * @param labels whether the splits carry their labels; false stands in for an unlabelled set (STL-10's
 *     unlabeled split) in tests and demos of label checks
 */
public record SyntheticParameters(int size, int testSize, int classes, int channels, int height, int width,
        long seed, boolean labels) {

    /** Labelled splits. */
    public SyntheticParameters(int size, int testSize, int classes, int channels, int height, int width, long seed) {
        this(size, testSize, classes, channels, height, width, seed, true);
    }
}
