package contrastlab.api.dataset;

/**
 * A random-access set of 8-bit images, stored channels-first ({@code CHW}), with optional labels.
 * Implementations must be safe for concurrent reads: the runtime decodes batches on several threads.
 */
public interface ImageDataset {

    /** Number of images. */
    int size();

    /** The shape every image has. */
    ImageShape shape();

    /**
     * Copies image {@code index} into {@code destination} ({@link ImageShape#size()} bytes, CHW,
     * unsigned values 0-255 in Java's signed bytes).
     */
    void readImage(int index, byte[] destination);

    /** Whether {@link #label(int)} is meaningful. */
    boolean hasLabels();

    /** The class of image {@code index}, in {@code [0, numClasses())}; -1 when there are no labels. */
    int label(int index);

    /** Number of classes; 0 when there are no labels. */
    int numClasses();
}
