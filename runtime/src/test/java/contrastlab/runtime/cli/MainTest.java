package contrastlab.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contrastlab.runtime.TestRecipes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and one-line errors of the command line. */
class MainTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLineError(Result r, int code, String fragment) {
        assertEquals(code, r.code(), r.err());
        String error = r.err().lines().filter(l -> l.startsWith("contrastlab: error: ")).findFirst().orElse("");
        assertTrue(error.contains(fragment), "expected '" + fragment + "' in: " + r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("contrastlab: error: ")).count());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run().code());
        assertOneLineError(run("trian"), 2, "unknown command 'trian'");
        assertOneLineError(run("train"), 2, "exactly one RECIPE");
        assertOneLineError(run("train", "a.yaml", "--bogus"), 2, "--bogus");
        assertOneLineError(run("plugins", "widgets"), 2, "unknown plugin kind 'widgets'");
        assertEquals(0, run("--help").code());
    }

    @Test
    void recipeErrorsExitWithTwo() throws IOException {
        assertOneLineError(run("validate", dir.resolve("none.yaml").toString()), 2, "does not exist");
        Path bad = TestRecipes.write(dir, TestRecipes.TINY.replace("type: simclr", "type: simclr2"));
        assertOneLineError(run("validate", bad.toString()), 2, "unknown method 'simclr2' at " + bad + ":");
        Path good = TestRecipes.write(dir, TestRecipes.TINY);
        assertOneLineError(run("bench", good.toString(), "--steps", "x"), 2, "--steps x");
    }

    @Test
    void datasetErrorsExitWithOneAndNameTheFile() throws IOException {
        Path recipe = TestRecipes.write(dir, TestRecipes.TINY.replace(
                "dataset: {type: synthetic, size: 192, testSize: 96, classes: 4, channels: 3, height: 16, width: 16, seed: 5}",
                "dataset: {type: cifar10, root: " + dir.resolve("nocifar") + "}"));
        Result r = run("validate", recipe.toString());
        assertOneLineError(r, 1, "nocifar");
    }

    /**
     * bench on the scattering bench recipe at test scale prints the step, the step fed live by the
     * workers, the backbone forward, the scattering alone on the workers and the data pipeline.
     */
    @Test
    void benchReportsBackboneForwardThroughput() {
        Result r = run("bench", Path.of("..", "benchmarks", "scatnet-32-bench.yaml").toString(), "--steps", "1", "--warmup", "0",
                "--data-batches", "1", "--set", "backbone.L=2", "--set", "batchSize=8", "--set", "dataset.size=16",
                "--set", "data.inputTransform=workers");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("input transform done by the data workers"), r.out());
        for (String line : new String[] {"train step", "pipelined", "backbone forward", "input transform", "data pipeline"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith(line) && l.contains("img/s")), line + " missing in:\n" + r.out());
        }
    }

    @Test
    void pluginsListsEveryKind() {
        Result r = run("plugins");
        assertEquals(0, r.code(), r.err());
        for (String expected : new String[] {"dataset", "synthetic", "fashion-mnist", "backbone", "resnet", "method", "simclr",
                "evaluator", "knn", "augmentation", "random-resized-crop", "sampler", "random"}) {
            assertTrue(r.out().contains(expected), expected + " missing in:\n" + r.out());
        }
    }

    /** An evaluator reading a tap the method lacks is a recipe error before any training, listing the taps. */
    @Test
    void anUnknownFeatureTapFailsValidation() throws IOException {
        Path recipe = TestRecipes.write(dir, TestRecipes.TINY);
        Result v = run("validate", recipe.toString(), "--set", "evaluate.0.features=projector-9");
        assertEquals(2, v.code(), v.err());
        assertTrue(v.err().contains("features 'projector-9'") && v.err().contains("backbone, projector-1"), v.err());
        assertEquals(0, run("validate", recipe.toString(), "--set", "evaluate.0.features=projector-1").code());
    }

    @Test
    void validateRunsOneBatchAndTrainWritesARun() throws IOException {
        Path recipe = TestRecipes.write(dir, TestRecipes.TINY);
        Result v = run("validate", recipe.toString());
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().startsWith("ok: "), v.out());
        Path out = dir.resolve("run");
        Result t = run("train", recipe.toString(), "--out", out.toString(), "--no-progress", "--set", "schedule.epochs=1");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("knn.top1"), t.out());
        assertTrue(Files.exists(out.resolve("recipe.yaml")) && Files.exists(out.resolve("summary.json")));
        // a finished run is never overwritten by accident
        assertOneLineError(run("train", recipe.toString(), "--out", out.toString()), 2, "already holds a trained run");
        Result e = run("eval", out.toString(), "--protocol", "knn");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("knn.top1"), e.out());
        assertOneLineError(run("eval", dir.toString()), 2, "not a run directory");
    }
}
