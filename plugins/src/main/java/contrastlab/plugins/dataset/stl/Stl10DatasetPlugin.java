package contrastlab.plugins.dataset.stl;

import contrastlab.api.dataset.DatasetPlugin;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.plugins.dataset.support.DatasetFiles;
import contrastlab.plugins.dataset.support.Downloads;
import contrastlab.plugins.dataset.support.MappedRecords;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * STL-10, binary version: 3x96x96, 10 classes, train 5,000 / test 8,000 labelled images and 100,000
 * unlabeled ones. Images are memory-mapped, not loaded (the unlabeled file alone is 2.7 GB).
 */
public final class Stl10DatasetPlugin implements DatasetPlugin<Stl10Parameters> {

    public static final String NAME = "stl10";
    static final String FOLDER = "stl10_binary";
    static final String ARCHIVE = "stl10_binary.tar.gz";
    static final String OFFICIAL_URL = "http://ai.stanford.edu/~acoates/stl10/" + ARCHIVE;
    /** The MD5 torchvision lists for the archive. */
    static final Map<String, String> OFFICIAL_CHECKSUMS = Map.of(ARCHIVE, "91f7769df0f17e558f3565bffb0c7dfb");
    static final int CLASSES = 10;
    private static final List<String> SPLITS = List.of("train", "test", "unlabeled");
    private static final List<String> FILES = List.of("train_X.bin", "train_y.bin", "test_X.bin", "test_y.bin",
            "unlabeled_X.bin");

    private final Stl10Layout layout;

    public Stl10DatasetPlugin() {
        this(Stl10Layout.OFFICIAL);
    }

    Stl10DatasetPlugin(Stl10Layout layout) {
        this.layout = layout;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "STL-10 binary version: 3x96x96, 10 classes, train 5000 / test 8000 / unlabeled 100000 (memory-mapped)";
    }

    @Override
    public Class<Stl10Parameters> parametersType() {
        return Stl10Parameters.class;
    }

    @Override
    public Stl10Parameters defaults() {
        return new Stl10Parameters("~/.contrastlab/data/stl10", false, OFFICIAL_URL, OFFICIAL_CHECKSUMS);
    }

    @Override
    public List<String> splits(Stl10Parameters parameters) {
        return SPLITS;
    }

    @Override
    public ImageDataset open(Stl10Parameters parameters, String split) throws IOException {
        int count = switch (split) {
            case "train" -> layout.train();
            case "test" -> layout.test();
            case "unlabeled" -> layout.unlabeled();
            default -> throw DatasetFiles.unknownSplit(NAME, split, SPLITS);
        };
        Path root = DatasetFiles.expandHome(parameters.root());
        Path folder = root.resolve(FOLDER);
        Downloads.ensureUnpacked(parameters, root, FILES.stream().map(folder::resolve).toList(), ARCHIVE,
                OFFICIAL_CHECKSUMS);
        Path imagesFile = folder.resolve(split + "_X.bin");
        int imageBytes = Stl10Images.SHAPE.size();
        DatasetFiles.requireSize(imagesFile, (long) count * imageBytes, FOLDER);
        int[] labels = null;
        if (!split.equals("unlabeled")) {
            labels = readLabels(folder.resolve(split + "_y.bin"), count);
        }
        MappedRecords images = MappedRecords.map(imagesFile, imageBytes, count, layout.imagesPerMapping());
        return new Stl10Images(images, labels, CLASSES);
    }

    /** Reads a {@code *_y.bin}: one byte per image, classes numbered 1..10 (returned as 0..9). */
    private static int[] readLabels(Path file, int count) throws IOException {
        DatasetFiles.requireSize(file, count, FOLDER);
        byte[] bytes = new byte[count];
        try (InputStream in = Files.newInputStream(file)) {
            DatasetFiles.readExactly(in, bytes, 0, count, file, 0, count, "bytes");
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int label = bytes[i] & 0xFF;
            if (label < 1 || label > CLASSES) {
                throw DatasetFiles.badLabel(file, i, label, 1, CLASSES);
            }
            labels[i] = label - 1;
        }
        return labels;
    }
}
