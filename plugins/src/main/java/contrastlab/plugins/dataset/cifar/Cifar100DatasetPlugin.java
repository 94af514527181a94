package contrastlab.plugins.dataset.cifar;

import contrastlab.api.dataset.DatasetPlugin;
import contrastlab.api.dataset.ImageDataset;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * CIFAR-100, binary version: 3x32x32, train 50,000 / test 10,000, labelled with the 100 fine classes or
 * the 20 coarse superclasses (CIFAR-20).
 */
public final class Cifar100DatasetPlugin implements DatasetPlugin<Cifar100Parameters> {

    public static final String NAME = "cifar100";
    static final String ARCHIVE = "cifar-100-binary.tar.gz";
    static final String OFFICIAL_URL = "https://www.cs.toronto.edu/~kriz/" + ARCHIVE;
    /** The MD5 the CIFAR page lists for the binary version. */
    static final Map<String, String> OFFICIAL_CHECKSUMS = Map.of(ARCHIVE, "03b5dce01913d631647c71ecec9e9cb8");
    /** Record order: coarse label byte, then fine. */
    private static final int COARSE = 0;
    private static final int FINE = 1;

    private final CifarFormat format;

    public Cifar100DatasetPlugin() {
        this(format(50_000, 10_000));
    }

    Cifar100DatasetPlugin(CifarFormat format) {
        this.format = format;
    }

    /** The official layout with the given record counts (50,000 and 10,000). */
    static CifarFormat format(int trainRecords, int testRecords) {
        return new CifarFormat("cifar-100-binary", ARCHIVE, List.of(new CifarFile("train.bin", trainRecords)),
                List.of(new CifarFile("test.bin", testRecords)), List.of(20, 100));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "CIFAR-100 binary version: 3x32x32, labels fine (100) or coarse (20), train 50000 / test 10000";
    }

    @Override
    public Class<Cifar100Parameters> parametersType() {
        return Cifar100Parameters.class;
    }

    @Override
    public Cifar100Parameters defaults() {
        return new Cifar100Parameters("~/.contrastlab/data/cifar100", false, OFFICIAL_URL, OFFICIAL_CHECKSUMS, "fine");
    }

    @Override
    public List<String> splits(Cifar100Parameters parameters) {
        return CifarFormat.SPLITS;
    }

    @Override
    public ImageDataset open(Cifar100Parameters parameters, String split) throws IOException {
        int labelByte = switch (String.valueOf(parameters.labels())) {
            case "fine" -> FINE;
            case "coarse" -> COARSE;
            default -> throw new IllegalArgumentException("dataset.labels must be fine or coarse, not '"
                    + parameters.labels() + "'");
        };
        return CifarReader.open(NAME, format, parameters, split, labelByte, OFFICIAL_CHECKSUMS);
    }
}
