package contrastlab.plugins.dataset.support;

import contrastlab.api.dataset.DatasetException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Locating and checking dataset files, and the one-line error messages that name the file and the fix.
 */
public final class DatasetFiles {

    /** The fix appended to every message about a damaged file. */
    public static final String REDOWNLOAD = "delete it and download again";

    private DatasetFiles() {}

    /** Expands a leading {@code ~} to the user's home folder, as a shell would. */
    public static Path expandHome(String root) {
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("dataset.root must not be empty");
        }
        String home = System.getProperty("user.home");
        if (root.equals("~")) {
            return Path.of(home);
        }
        if (root.startsWith("~/")) {
            return Path.of(home, root.substring(2));
        }
        return Path.of(root);
    }

    /** The error for a file that is not there; {@code holder} is what dataset.root must contain. */
    public static DatasetException missing(Path file, String holder) {
        return new DatasetException("missing " + file + ": set dataset.root to the folder holding " + holder
                + ", or set dataset.download: true");
    }

    /** The error for a file found neither in dataset.root nor in the other folders searched. */
    public static DatasetException missing(Path file, String holder, List<Path> alsoSearched) {
        if (alsoSearched.isEmpty()) {
            return missing(file, holder);
        }
        return new DatasetException("missing " + file + " (nor found in " + String.join(", ",
                alsoSearched.stream().map(Path::toString).toList()) + "): set dataset.root to the folder holding "
                + holder + ", or set dataset.download: true");
    }

    /** The error for a file whose content is damaged; {@code what} says how. */
    public static DatasetException corrupt(Path file, String what) {
        return new DatasetException("corrupt " + file + ": " + what + "; " + REDOWNLOAD);
    }

    /** The error for a file that ends early. */
    public static DatasetException truncated(Path file, long expectedBytes, long foundBytes) {
        return truncated(file, expectedBytes, foundBytes, "bytes");
    }

    /** The error for a file that ends early; {@code unit} says what was counted, e.g. "uncompressed bytes". */
    public static DatasetException truncated(Path file, long expected, long found, String unit) {
        return new DatasetException("truncated " + file + ": " + expected + " " + unit + " expected, " + found
                + " found; " + REDOWNLOAD);
    }

    /** The error for a label outside {@code [0, classes)} (after any offset the format applies). */
    public static DatasetException badLabel(Path file, long record, int label, int first, int last) {
        return corrupt(file, "label " + label + " of record " + record + " is outside " + first + ".." + last);
    }

    /** The error for a split name the dataset does not offer. */
    public static IllegalArgumentException unknownSplit(String dataset, String split, List<String> splits) {
        return new IllegalArgumentException("unknown split '" + split + "' of dataset " + dataset + ": expected one of "
                + String.join(", ", splits));
    }

    /**
     * Checks that {@code file} exists with exactly {@code expectedBytes} bytes.
     *
     * @param holder what dataset.root must contain, for the message when the file is missing
     */
    public static void requireSize(Path file, long expectedBytes, String holder) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw missing(file, holder);
        }
        long size = Files.size(file);
        if (size < expectedBytes) {
            throw truncated(file, expectedBytes, size);
        }
        if (size > expectedBytes) {
            throw corrupt(file, expectedBytes + " bytes expected, " + size + " found");
        }
    }

    /** Whether every file exists as a regular file. */
    public static boolean allPresent(List<Path> files) {
        return files.stream().allMatch(Files::isRegularFile);
    }

    /**
     * Reads exactly {@code length} bytes of {@code in} into {@code destination}; an early end is reported
     * as truncation of {@code file}, counting {@code expectedTotal} and the bytes {@code before} this call
     * in {@code unit}s.
     */
    public static void readExactly(InputStream in, byte[] destination, int offset, int length, Path file,
            long before, long expectedTotal, String unit) throws IOException {
        int read = 0;
        try {
            while (read < length) {
                int n = in.read(destination, offset + read, length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        } catch (EOFException e) {
            // a gzip stream cut short ends with EOFException instead of -1
            throw truncated(file, expectedTotal, before + read, unit);
        }
        if (read < length) {
            throw truncated(file, expectedTotal, before + read, unit);
        }
    }
}
