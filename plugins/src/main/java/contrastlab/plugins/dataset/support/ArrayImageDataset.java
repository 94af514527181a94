package contrastlab.plugins.dataset.support;

import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import java.util.Objects;

/**
 * Images held in one byte array, image {@code i} starting at {@code offset + i * stride}; the stride lets
 * a file's fixed-size records (label bytes + pixels) be used as read, without a second copy.
 * Immutable after construction, so concurrent reads are safe.
 */
public final class ArrayImageDataset implements ImageDataset {

    private final byte[] data;
    private final int offset;
    private final int stride;
    private final int size;
    private final ImageShape shape;
    private final int[] labels;
    private final int numClasses;

    /**
     * @param labels one label per image in {@code [0, numClasses)}, or null for an unlabeled set
     * @param numClasses ignored (0) when {@code labels} is null
     */
    public ArrayImageDataset(byte[] data, int offset, int stride, int size, ImageShape shape, int[] labels,
            int numClasses) {
        this.data = Objects.requireNonNull(data, "data");
        this.shape = Objects.requireNonNull(shape, "shape");
        if (size < 0 || offset < 0 || stride < shape.size()) {
            throw new IllegalArgumentException("bad layout: size " + size + ", offset " + offset + ", stride " + stride
                    + " for images of " + shape);
        }
        if (size > 0 && offset + (long) (size - 1) * stride + shape.size() > data.length) {
            throw new IllegalArgumentException(size + " images of " + shape + " with stride " + stride
                    + " do not fit in " + data.length + " bytes");
        }
        if (labels != null && labels.length != size) {
            throw new IllegalArgumentException(labels.length + " labels for " + size + " images");
        }
        this.offset = offset;
        this.stride = stride;
        this.size = size;
        this.labels = labels;
        this.numClasses = labels == null ? 0 : numClasses;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public ImageShape shape() {
        return shape;
    }

    @Override
    public void readImage(int index, byte[] destination) {
        Objects.checkIndex(index, size);
        System.arraycopy(data, offset + index * stride, destination, 0, shape.size());
    }

    @Override
    public boolean hasLabels() {
        return labels != null;
    }

    @Override
    public int label(int index) {
        Objects.checkIndex(index, size);
        return labels == null ? -1 : labels[index];
    }

    @Override
    public int numClasses() {
        return numClasses;
    }
}
