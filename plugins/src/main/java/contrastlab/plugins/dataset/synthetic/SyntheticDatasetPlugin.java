package contrastlab.plugins.dataset.synthetic;

import contrastlab.api.dataset.DatasetPlugin;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import contrastlab.plugins.dataset.support.ArrayImageDataset;
import contrastlab.plugins.dataset.support.DatasetFiles;
import java.util.List;

/**
 * Generated images for tests and demos: each class has a distinct colour, stripe orientation and blob
 * height, each image random variation on top; the same parameters always give the same bytes.
 * Train and test draw different images from the same distribution. Labels cycle 0, 1, ..., K-1.
 */
public final class SyntheticDatasetPlugin implements DatasetPlugin<SyntheticParameters> {

    public static final String NAME = "synthetic";
    private static final List<String> SPLITS = List.of("train", "test");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "generated, learnable class patterns (colour, stripes, blob) for tests and demos";
    }

    @Override
    public Class<SyntheticParameters> parametersType() {
        return SyntheticParameters.class;
    }

    @Override
    public SyntheticParameters defaults() {
        return new SyntheticParameters(512, 128, 4, 3, 32, 32, 0L, true);
    }

    @Override
    public List<String> splits(SyntheticParameters parameters) {
        return SPLITS;
    }

    @Override
    public ImageDataset open(SyntheticParameters p, String split) {
        int splitIndex = SPLITS.indexOf(split);
        if (splitIndex < 0) {
            throw DatasetFiles.unknownSplit(NAME, split, SPLITS);
        }
        validate(p);
        int count = splitIndex == 0 ? p.size() : p.testSize();
        ImageShape shape = new ImageShape(p.channels(), p.height(), p.width());
        byte[] data = new byte[Math.multiplyExact(count, shape.size())];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % p.classes();
            SyntheticImages.draw(p, splitIndex, i, labels[i], data, i * shape.size());
        }
        return new ArrayImageDataset(data, 0, shape.size(), count, shape, p.labels() ? labels : null, p.classes());
    }

    private static void validate(SyntheticParameters p) {
        if (p.size() < 0 || p.testSize() < 0) {
            throw new IllegalArgumentException("dataset.size and dataset.testSize must not be negative");
        }
        if (p.classes() < 1 || p.classes() > 256) {
            throw new IllegalArgumentException("dataset.classes must be in 1..256, not " + p.classes());
        }
        if (p.channels() < 1 || p.height() < 4 || p.width() < 4) {
            throw new IllegalArgumentException("synthetic images need at least 1 channel and 4x4 pixels, not "
                    + p.channels() + "x" + p.height() + "x" + p.width());
        }
    }
}
