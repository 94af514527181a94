package contrastlab.plugins.stage.autoencoder;

import contrastlab.api.stage.StageException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code checkpoint.bin} holds after each epoch, so that an interrupted stage resumes where it
 * stopped: the finished epochs and their losses, the early-stopping state, the current and the best
 * weights (by parameter name, batch-norm statistics included) and Adam's moments and step count.
 *
 * @param epochsDone finished epochs
 * @param history each finished epoch's {@code {train_mse, val_mse}}
 * @param stopping the early-stopping state after the last finished epoch
 * @param weights every parameter's values after the last finished epoch
 * @param bestWeights every parameter's values after the best epoch
 * @param moments Adam's first and second moment of every trained parameter
 * @param adamSteps optimizer steps taken
 */
record TrainingState(int epochsDone, List<double[]> history, EarlyStopping stopping, Map<String, float[]> weights,
        Map<String, float[]> bestWeights, Map<String, float[][]> moments, long adamSteps) {

    private static final int MAGIC = 0x434C4145; // "CLAE"
    private static final int VERSION = 1;

    /** Writes to a temporary file beside {@code file} and renames it, so a crash leaves the previous checkpoint. */
    void write(Path file) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(epochsDone);
                out.writeInt(history.size());
                for (double[] h : history) {
                    out.writeDouble(h[0]);
                    out.writeDouble(h[1]);
                }
                out.writeDouble(stopping.best());
                out.writeInt(stopping.bestEpoch());
                out.writeInt(stopping.epochsWithoutImprovement());
                out.writeInt(stopping.patience());
                writeArrays(out, weights);
                writeArrays(out, bestWeights);
                out.writeInt(moments.size());
                for (Map.Entry<String, float[][]> e : moments.entrySet()) {
                    out.writeUTF(e.getKey());
                    writeFloats(out, e.getValue()[0]);
                    writeFloats(out, e.getValue()[1]);
                }
                out.writeLong(adamSteps);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static TrainingState read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new StageException(file + " is not an autoencoder checkpoint of this version; delete it to train"
                        + " the stage from the start");
            }
            int epochsDone = in.readInt();
            int count = in.readInt();
            List<double[]> history = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                history.add(new double[] {in.readDouble(), in.readDouble()});
            }
            EarlyStopping stopping = new EarlyStopping(in.readDouble(), in.readInt(), in.readInt(), in.readInt());
            Map<String, float[]> weights = readArrays(in);
            Map<String, float[]> best = readArrays(in);
            int momentCount = in.readInt();
            Map<String, float[][]> moments = new LinkedHashMap<>();
            for (int i = 0; i < momentCount; i++) {
                String name = in.readUTF();
                moments.put(name, new float[][] {readFloats(in), readFloats(in)});
            }
            return new TrainingState(epochsDone, history, stopping, weights, best, moments, in.readLong());
        } catch (EOFException e) {
            throw new StageException(file + " is truncated; delete it to train the stage from the start", e);
        }
    }

    private static void writeArrays(DataOutputStream out, Map<String, float[]> arrays) throws IOException {
        out.writeInt(arrays.size());
        for (Map.Entry<String, float[]> e : arrays.entrySet()) {
            out.writeUTF(e.getKey());
            writeFloats(out, e.getValue());
        }
    }

    private static Map<String, float[]> readArrays(DataInputStream in) throws IOException {
        int count = in.readInt();
        Map<String, float[]> arrays = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            arrays.put(name, readFloats(in));
        }
        return arrays;
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        float[] values = new float[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
