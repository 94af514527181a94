package contrastlab.plugins.dataset.stl;

import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import contrastlab.plugins.dataset.support.MappedRecords;
import java.util.Objects;

/**
 * An STL-10 split read on demand from its memory-mapped {@code *_X.bin}. The files store each channel
 * column-major (as MATLAB wrote them); {@link #readImage} transposes every channel to row-major, the
 * same as torchvision's {@code np.transpose(images, (0, 1, 3, 2))}.
 */
final class Stl10Images implements ImageDataset {

    static final ImageShape SHAPE = new ImageShape(3, 96, 96);

    private final MappedRecords images;
    private final int[] labels;
    private final int numClasses;

    /** @param labels one label per image in {@code [0, numClasses)}, or null for the unlabeled split */
    Stl10Images(MappedRecords images, int[] labels, int numClasses) {
        if (labels != null && labels.length != images.records()) {
            throw new IllegalArgumentException(labels.length + " labels for " + images.records() + " images");
        }
        this.images = images;
        this.labels = labels;
        this.numClasses = labels == null ? 0 : numClasses;
    }

    @Override
    public int size() {
        return (int) images.records();
    }

    @Override
    public ImageShape shape() {
        return SHAPE;
    }

    @Override
    public void readImage(int index, byte[] destination) {
        images.read(index, destination);
        // each channel is square, so the transpose can swap in place
        int side = SHAPE.height();
        for (int c = 0; c < SHAPE.channels(); c++) {
            int base = c * side * side;
            for (int y = 0; y < side; y++) {
                for (int x = y + 1; x < side; x++) {
                    int a = base + y * side + x;
                    int b = base + x * side + y;
                    byte t = destination[a];
                    destination[a] = destination[b];
                    destination[b] = t;
                }
            }
        }
    }

    @Override
    public boolean hasLabels() {
        return labels != null;
    }

    @Override
    public int label(int index) {
        Objects.checkIndex(index, size());
        return labels == null ? -1 : labels[index];
    }

    @Override
    public int numClasses() {
        return numClasses;
    }
}
