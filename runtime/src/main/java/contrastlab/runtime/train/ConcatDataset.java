package contrastlab.runtime.train;

import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import java.util.List;

/** Splits joined with {@code +} ({@code train+unlabeled}): one dataset, parts in order. */
public final class ConcatDataset implements ImageDataset {

    private final List<ImageDataset> parts;
    private final int[] offsets;
    private final int size;

    public ConcatDataset(List<ImageDataset> parts) {
        this.parts = List.copyOf(parts);
        this.offsets = new int[parts.size()];
        int total = 0;
        for (int i = 0; i < parts.size(); i++) {
            offsets[i] = total;
            total += parts.get(i).size();
            if (!parts.get(i).shape().equals(parts.get(0).shape())) {
                throw new IllegalArgumentException("joined splits have different image shapes: " + parts.get(0).shape()
                        + " and " + parts.get(i).shape());
            }
        }
        this.size = total;
    }

    private int part(int index) {
        for (int i = offsets.length - 1; i >= 0; i--) {
            if (index >= offsets[i]) {
                return i;
            }
        }
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public ImageShape shape() {
        return parts.get(0).shape();
    }

    @Override
    public void readImage(int index, byte[] destination) {
        int p = part(index);
        parts.get(p).readImage(index - offsets[p], destination);
    }

    /** Labelled as soon as one part is; images of unlabelled parts get -1. */
    @Override
    public boolean hasLabels() {
        return parts.stream().anyMatch(ImageDataset::hasLabels);
    }

    @Override
    public int label(int index) {
        int p = part(index);
        return parts.get(p).hasLabels() ? parts.get(p).label(index - offsets[p]) : -1;
    }

    @Override
    public int numClasses() {
        return parts.stream().mapToInt(ImageDataset::numClasses).max().orElse(0);
    }
}
