package contrastlab.runtime.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One file holding everything a resumed run needs: the training state (epoch, step, metrics), the
 * model's parameters (including batch-norm statistics), the optimizer's state and the method's own
 * state (queues). Parameters are restored in place, so the arrays the engine records gradients for
 * stay the same objects.
 */
public final class Checkpoint {

    public static final String LAST = "last.ckpt";
    public static final String BEST = "best.ckpt";
    private static final int MAGIC = 0x434C434B; // "CLCK"
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Checkpoint() {}

    /** What a checkpoint file holds besides the parameters. */
    public record Contents(TrainingState state, Map<String, NDArray> optimizer, Map<String, NDArray> methodState) {}

    public static void write(Path file, TrainingState state, Block model, Map<String, NDArray> optimizer,
            Map<String, NDArray> methodState) throws IOException {
        RunDirectory.writeAtomically(file, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            byte[] json = JSON.writeValueAsBytes(state);
            out.writeInt(json.length);
            out.write(json);
            List<Pair<String, Parameter>> parameters = model.getParameters().stream().toList();
            out.writeInt(parameters.size());
            for (Pair<String, Parameter> p : parameters) {
                writeArray(out, p.getKey(), p.getValue().getArray());
            }
            writeArrays(out, optimizer);
            writeArrays(out, methodState);
            out.flush();
        });
    }

    /**
     * Reads a checkpoint, copying parameter values into {@code model}'s existing arrays; optimizer and
     * method state arrays are created on {@code manager}.
     */
    public static Contents read(Path file, Block model, NDManager manager) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("checkpoint " + file + " is not a contrastlab checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("checkpoint " + file + " has version " + version + ", this build reads " + VERSION);
            }
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            TrainingState state = JSON.readValue(new String(json, StandardCharsets.UTF_8), TrainingState.class);
            List<Pair<String, Parameter>> parameters = model.getParameters().stream().toList();
            int count = in.readInt();
            if (count != parameters.size()) {
                throw new IOException("checkpoint " + file + " holds " + count + " parameters but the recipe's model has "
                        + parameters.size() + "; resume with the recipe the run was started with");
            }
            for (Pair<String, Parameter> p : parameters) {
                String name = in.readUTF();
                if (!name.equals(p.getKey())) {
                    throw new IOException("checkpoint " + file + " has parameter " + name + " where the model has "
                            + p.getKey() + "; resume with the recipe the run was started with");
                }
                try (NDArray saved = manager.decode(readBytes(in))) {
                    NDArray target = p.getValue().getArray();
                    if (!saved.getShape().equals(target.getShape())) {
                        throw new IOException("checkpoint parameter " + name + " has shape " + saved.getShape()
                                + ", the model has " + target.getShape());
                    }
                    saved.copyTo(target);
                }
            }
            Map<String, NDArray> optimizer = readArrays(in, manager);
            Map<String, NDArray> methodState = readArrays(in, manager);
            return new Contents(state, optimizer, methodState);
        } catch (EOFException e) {
            throw new IOException("checkpoint " + file + " is truncated; delete it to start over", e);
        }
    }

    private static void writeArrays(DataOutputStream out, Map<String, NDArray> arrays) throws IOException {
        out.writeInt(arrays.size());
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            writeArray(out, e.getKey(), e.getValue());
        }
    }

    private static void writeArray(DataOutputStream out, String name, NDArray array) throws IOException {
        out.writeUTF(name);
        byte[] bytes = array.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static Map<String, NDArray> readArrays(DataInputStream in, NDManager manager) throws IOException {
        int count = in.readInt();
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            arrays.put(name, manager.decode(readBytes(in)));
        }
        return arrays;
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }
}
