package contrastlab.plugins.dataset.mnist;

import contrastlab.api.dataset.DatasetException;
import contrastlab.api.dataset.DatasetPlugin;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import contrastlab.plugins.dataset.support.ArrayImageDataset;
import contrastlab.plugins.dataset.support.DatasetFiles;
import contrastlab.plugins.dataset.support.Downloads;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fashion-MNIST (Xiao et al. 2017): 28x28 grey images of 10 clothing classes, 60,000 train and 10,000
 * test, from the four idx files (gzip-compressed or plain).
 */
public final class FashionMnistDatasetPlugin implements DatasetPlugin<FashionMnistParameters> {

    public static final String NAME = "fashion-mnist";
    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path SYSTEM_FOLDER = Path.of("/usr/share/datasets/fashion-mnist");
    static final String OFFICIAL_URL = "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/";
    /** The MD5s torchvision lists for the official files. */
    static final Map<String, String> OFFICIAL_CHECKSUMS = Map.of(
            "train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
            "train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe",
            "t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79",
            "t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310");
    static final int CLASSES = 10;
    static final int SIDE = 28;

    private static final Logger LOG = LoggerFactory.getLogger(FashionMnistDatasetPlugin.class);
    private static final List<String> SPLITS = List.of("train", "test");

    private final List<Path> otherFolders;

    public FashionMnistDatasetPlugin() {
        this(List.of(SYSTEM_FOLDER));
    }

    /** @param otherFolders searched in order after dataset.root */
    FashionMnistDatasetPlugin(List<Path> otherFolders) {
        this.otherFolders = List.copyOf(otherFolders);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Fashion-MNIST idx files: 1x28x28, 10 classes, train 60000 / test 10000";
    }

    @Override
    public Class<FashionMnistParameters> parametersType() {
        return FashionMnistParameters.class;
    }

    @Override
    public FashionMnistParameters defaults() {
        return new FashionMnistParameters("~/.contrastlab/data/fashion-mnist", false, OFFICIAL_URL, OFFICIAL_CHECKSUMS);
    }

    @Override
    public List<String> splits(FashionMnistParameters parameters) {
        return SPLITS;
    }

    @Override
    public ImageDataset open(FashionMnistParameters parameters, String split) throws IOException {
        String prefix = switch (split) {
            case "train" -> "train";
            case "test" -> "t10k";
            default -> throw DatasetFiles.unknownSplit(NAME, split, SPLITS);
        };
        List<String> names = List.of(prefix + "-images-idx3-ubyte", prefix + "-labels-idx1-ubyte");
        Path root = DatasetFiles.expandHome(parameters.root());
        List<Path> files = locate(root, names);
        if (files == null && parameters.download()) {
            for (String name : names) {
                if (find(root, name) == null) {
                    Downloads.download(URI.create(withSlash(parameters.url()) + name + ".gz"),
                            root.resolve(name + ".gz"),
                            Downloads.checksumFor(name + ".gz", parameters.checksums(), OFFICIAL_CHECKSUMS));
                }
            }
            files = locate(root, names);
        }
        if (files == null) {
            String missing = names.stream().filter(n -> find(root, n) == null).findFirst().orElseThrow() + ".gz";
            throw DatasetFiles.missing(root.resolve(missing), missing, otherFolders);
        }
        long started = System.nanoTime();
        IdxImages images = IdxReader.readImages(files.get(0));
        if (images.rows() != SIDE || images.cols() != SIDE) {
            throw DatasetFiles.corrupt(files.get(0), "its images are " + images.rows() + "x" + images.cols() + ", "
                    + SIDE + "x" + SIDE + " expected");
        }
        int[] labels = IdxReader.readLabels(files.get(1), CLASSES);
        if (labels.length != images.count()) {
            throw new DatasetException("mismatched files: " + files.get(0) + " holds " + images.count() + " images but "
                    + files.get(1) + " holds " + labels.length + " labels; delete both and download again");
        }
        LOG.debug("read {} {} images from {} in {} ms", images.count(), split, files.get(0).getParent(),
                (System.nanoTime() - started) / 1_000_000);
        return new ArrayImageDataset(images.pixels(), 0, SIDE * SIDE, images.count(), new ImageShape(1, SIDE, SIDE),
                labels, CLASSES);
    }

    /** The first folder of root and the other folders that holds every file of {@code names}, or null. */
    private List<Path> locate(Path root, List<String> names) {
        List<Path> folders = new ArrayList<>();
        folders.add(root);
        folders.addAll(otherFolders);
        for (Path folder : folders) {
            List<Path> files = new ArrayList<>();
            for (String name : names) {
                Path file = find(folder, name);
                if (file != null) {
                    files.add(file);
                }
            }
            if (files.size() == names.size()) {
                return files;
            }
        }
        return null;
    }

    /** {@code name.gz} or plain {@code name} in {@code folder}, or null. */
    private static Path find(Path folder, String name) {
        Path gz = folder.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = folder.resolve(name);
        return Files.isRegularFile(plain) ? plain : null;
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
