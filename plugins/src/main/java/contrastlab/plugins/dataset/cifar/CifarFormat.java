package contrastlab.plugins.dataset.cifar;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layout of a CIFAR binary version: the folder its archive unpacks to, its files per split, and its
 * records of label bytes followed by 3072 pixel bytes (CHW, 3x32x32).
 *
 * @param labelClasses the number of classes of each label byte, in record order
 */
record CifarFormat(String folder, String archive, List<CifarFile> train, List<CifarFile> test,
        List<Integer> labelClasses) {

    static final int PIXELS = 3 * 32 * 32;
    static final List<String> SPLITS = List.of("train", "test");

    CifarFormat {
        train = List.copyOf(train);
        test = List.copyOf(test);
        labelClasses = List.copyOf(labelClasses);
    }

    int labelBytes() {
        return labelClasses.size();
    }

    int recordSize() {
        return labelBytes() + PIXELS;
    }

    /** The files of {@code split}, or null for a split the format lacks. */
    List<CifarFile> files(String split) {
        return switch (split) {
            case "train" -> train;
            case "test" -> test;
            default -> null;
        };
    }

    /** Every file of every split, under {@code root}. */
    List<Path> allFiles(Path root) {
        return Stream.concat(train.stream(), test.stream()).map(f -> root.resolve(folder).resolve(f.name())).toList();
    }
}
