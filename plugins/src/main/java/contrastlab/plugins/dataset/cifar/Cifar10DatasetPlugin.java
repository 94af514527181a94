package contrastlab.plugins.dataset.cifar;

import contrastlab.api.dataset.DatasetPlugin;
import contrastlab.api.dataset.ImageDataset;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** CIFAR-10, binary version: 3x32x32, 10 classes, train 50,000 (five batches) / test 10,000. */
public final class Cifar10DatasetPlugin implements DatasetPlugin<Cifar10Parameters> {

    public static final String NAME = "cifar10";
    static final String ARCHIVE = "cifar-10-binary.tar.gz";
    static final String OFFICIAL_URL = "https://www.cs.toronto.edu/~kriz/" + ARCHIVE;
    /** The MD5 the CIFAR page lists for the binary version. */
    static final Map<String, String> OFFICIAL_CHECKSUMS = Map.of(ARCHIVE, "c32a1d4ab5d03f1284b67883e8d87530");

    private final CifarFormat format;

    public Cifar10DatasetPlugin() {
        this(format(10_000));
    }

    Cifar10DatasetPlugin(CifarFormat format) {
        this.format = format;
    }

    /** The official layout with {@code recordsPerFile} records in each batch file (10,000). */
    static CifarFormat format(int recordsPerFile) {
        List<CifarFile> train = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> new CifarFile("data_batch_" + i + ".bin", recordsPerFile))
                .toList();
        return new CifarFormat("cifar-10-batches-bin", ARCHIVE, train,
                List.of(new CifarFile("test_batch.bin", recordsPerFile)), List.of(10));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "CIFAR-10 binary version: 3x32x32, 10 classes, train 50000 / test 10000";
    }

    @Override
    public Class<Cifar10Parameters> parametersType() {
        return Cifar10Parameters.class;
    }

    @Override
    public Cifar10Parameters defaults() {
        return new Cifar10Parameters("~/.contrastlab/data/cifar10", false, OFFICIAL_URL, OFFICIAL_CHECKSUMS);
    }

    @Override
    public List<String> splits(Cifar10Parameters parameters) {
        return CifarFormat.SPLITS;
    }

    @Override
    public ImageDataset open(Cifar10Parameters parameters, String split) throws IOException {
        return CifarReader.open(NAME, format, parameters, split, 0, OFFICIAL_CHECKSUMS);
    }
}
