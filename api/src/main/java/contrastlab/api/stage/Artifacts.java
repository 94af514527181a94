package contrastlab.api.stage;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * The file formats stages hand to each other, so that a stage written by one plugin author can read
 * another's output. Every write goes to a temporary file first and is then moved into place, so an
 * interrupted stage never leaves a half-written artifact.
 */
public final class Artifacts {

    /** A stage's image features, {@link #writeFeatures format}. */
    public static final String FEATURES = "features.bin";

    /** A stage's per-image labels (e.g. k-means pseudo-labels), {@link #writeLabels format}. */
    public static final String LABELS = "labels.csv";

    private static final int FEATURES_MAGIC = 0x434C4631; // "CLF1"

    private Artifacts() {}

    /** Binary: magic "CLF1", count and dim as big-endian ints, then the values as little-endian float32. */
    public static void writeFeatures(Path file, FeatureMatrix features) throws IOException {
        Path tmp = temporary(file);
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(FEATURES_MAGIC);
            out.writeInt(features.count());
            out.writeInt(features.dim());
            ByteBuffer buffer = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
            float[] v = features.values();
            for (int i = 0; i < v.length; i += 4096) {
                buffer.clear();
                int n = Math.min(4096, v.length - i);
                buffer.asFloatBuffer().put(v, i, n);
                out.write(buffer.array(), 0, 4 * n);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a file written by {@link #writeFeatures}; a wrong or truncated file is a {@link StageException} naming it. */
    public static FeatureMatrix readFeatures(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != FEATURES_MAGIC) {
                throw new StageException(file + " is not a contrastlab feature file (no CLF1 header); run the stage that"
                        + " writes it again");
            }
            int count = in.readInt();
            int dim = in.readInt();
            if (count < 0 || dim <= 0) {
                throw new StageException(file + " declares a " + count + "x" + dim + " matrix; run the stage that writes it again");
            }
            float[] values = new float[Math.multiplyExact(count, dim)];
            byte[] bytes = new byte[4 * 4096];
            for (int i = 0; i < values.length; i += 4096) {
                int n = Math.min(4096, values.length - i);
                in.readFully(bytes, 0, 4 * n);
                ByteBuffer.wrap(bytes, 0, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values, i, n);
            }
            return new FeatureMatrix(count, dim, values);
        } catch (EOFException e) {
            throw new StageException(file + " is truncated; run the stage that writes it again", e);
        }
    }

    /** CSV with the header {@code index,label} and one row per image, in index order. */
    public static void writeLabels(Path file, int[] labels) throws IOException {
        Path tmp = temporary(file);
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            out.write("index,label\n");
            for (int i = 0; i < labels.length; i++) {
                out.write(i + "," + labels[i] + "\n");
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a file written by {@link #writeLabels}; rows must be in index order from 0. */
    public static int[] readLabels(Path file) throws IOException {
        int[] labels = new int[1024];
        int count = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (!"index,label".equals(header)) {
                throw new StageException(file + ": expected the header 'index,label', got '" + header + "'");
            }
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                int comma = line.indexOf(',');
                try {
                    int index = Integer.parseInt(line.substring(0, Math.max(comma, 0)).trim());
                    if (comma < 0 || index != count) {
                        throw new StageException(file + " line " + (count + 2) + ": expected index " + count + ", got '" + line + "'");
                    }
                    if (count == labels.length) {
                        labels = Arrays.copyOf(labels, 2 * count);
                    }
                    labels[count++] = Integer.parseInt(line.substring(comma + 1).trim());
                } catch (NumberFormatException e) {
                    throw new StageException(file + " line " + (count + 2) + ": not 'index,label': '" + line + "'", e);
                }
            }
        }
        return Arrays.copyOf(labels, count);
    }

    private static Path temporary(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    }

}
