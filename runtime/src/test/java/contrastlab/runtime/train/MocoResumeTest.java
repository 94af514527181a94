package contrastlab.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import contrastlab.runtime.TestRecipes;
import contrastlab.runtime.cli.Session;
import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.recipe.Recipe;
import contrastlab.runtime.recipe.RecipeLoader;
import contrastlab.runtime.run.Checkpoint;
import contrastlab.runtime.run.RunDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MoCo through the runtime: the key encoder and the queue are checkpointed, so 1 epoch + resume + 1
 * epoch ends bit for bit where 2 straight epochs end — parameters (query and key encoders) and queue.
 * The queue of 48 rows takes 64 keys a step (two directions of 32), so it wraps every step; SplitBatchNorm runs in 4 groups.
 */
class MocoResumeTest {

    @TempDir
    Path dir;

    private final PluginRegistry registry = PluginRegistry.discover(List.of());

    private Recipe recipe() throws IOException {
        return new RecipeLoader(registry).load(TestRecipes.write(dir, TestRecipes.TINY),
                List.of("method={type: moco, projector: [16, 8], queueSize: 48}", "backbone.batchNormSplits=4",
                        "evaluate=[]", "dataset.size=64"));
    }

    private List<float[]> train(RunDirectory run, boolean resume, int stopEpoch) throws IOException {
        try (TrainingSession session = Session.create(registry, recipe(), run, new PrintStream(new ByteArrayOutputStream()))) {
            session.open();
            if (resume) {
                session.resume();
            }
            session.trainEpochs(stopEpoch, Progress.silent());
            List<float[]> values = new ArrayList<>();
            for (Parameter p : session.parameters()) {
                values.add(p.getArray().toFloatArray());
            }
            return values;
        }
    }

    private Map<String, float[]> methodState(RunDirectory run) throws IOException {
        try (TrainingSession session = Session.create(registry, recipe(), run, new PrintStream(new ByteArrayOutputStream()));
                NDManager manager = NDManager.newBaseManager()) {
            session.open();
            Checkpoint.Contents contents = Checkpoint.read(run.checkpoints().resolve(Checkpoint.LAST), session.model(), manager);
            Map<String, float[]> state = new java.util.TreeMap<>();
            for (Map.Entry<String, NDArray> e : contents.methodState().entrySet()) {
                state.put(e.getKey(), e.getValue().toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray());
            }
            return state;
        }
    }

    @Test
    void oneEpochPlusResumePlusOneEqualsTwoStraightEpochs() throws IOException {
        RunDirectory straightRun = RunDirectory.at(dir.resolve("straight"));
        List<float[]> straight = train(straightRun, false, 2);
        RunDirectory interrupted = RunDirectory.at(dir.resolve("interrupted"));
        train(interrupted, false, 1);
        Map<String, float[]> afterOne = methodState(interrupted);
        List<float[]> resumed = train(interrupted, true, 2);
        assertEquals(straight.size(), resumed.size());
        for (int i = 0; i < straight.size(); i++) {
            assertArrayEquals(straight.get(i), resumed.get(i), 0f, "parameter " + i + " differs after resume");
        }
        Map<String, float[]> a = methodState(straightRun);
        Map<String, float[]> b = methodState(interrupted);
        assertEquals(List.of("queue", "queueCursor"), new ArrayList<>(a.keySet()));
        for (String key : a.keySet()) {
            assertArrayEquals(a.get(key), b.get(key), 0f, key + " differs after resume");
        }
        // the queue moved during the second epoch, so a resume that dropped it could not match
        assertFalse(java.util.Arrays.equals(afterOne.get("queue"), a.get("queue")));
    }
}
