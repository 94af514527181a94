package contrastlab.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.recipe.RecipeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Skip-finished, resume-after-interrupt, conflicts and the child command line, with a launcher that
 * fakes the training process (writes what {@code train} writes).
 */
class SweepRunnerTest {

    @TempDir
    Path dir;

    private final PluginRegistry registry = PluginRegistry.discover(List.of());
    private final List<RunTask> launched = Collections.synchronizedList(new ArrayList<>());

    private SweepSpec spec() throws IOException {
        return SweepFile.read(SweepFixtures.write(dir, SweepFixtures.SWEEP));
    }

    /** Writes the run's recipe.yaml and a summary whose best knn.top1 is 0.5 + seed / 10. */
    private RunLauncher fake(Map<String, ObjectNode> resolved) {
        return task -> {
            launched.add(task);
            Files.createDirectories(task.dir());
            Files.writeString(task.dir().resolve("recipe.yaml"), RunInspector.YAML.writeValueAsString(resolved.get(task.run().id())));
            Files.writeString(task.dir().resolve("summary.json"),
                    "{\"bestMetrics\": {\"knn.top1\": " + (0.5 + task.run().seed() / 10.0) + "}}");
            return 0;
        };
    }

    private static void writeRecipe(Path runDir, ObjectNode recipe) throws IOException {
        Files.createDirectories(runDir.resolve("checkpoints"));
        Files.writeString(runDir.resolve("recipe.yaml"), RunInspector.YAML.writeValueAsString(recipe));
    }

    @Test
    void skipsFinishedResumesInterruptedStartsTheRest() throws Exception {
        SweepSpec spec = spec();
        List<PlannedRun> runs = SweepPlan.runs(spec);
        Path out = dir.resolve("out");
        SweepRunner probe = new SweepRunner(registry, List.of(), t -> 0, new PrintStream(new ByteArrayOutputStream()));
        Map<String, ObjectNode> resolved = probe.resolve(spec, runs);
        assertEquals(0.8, resolved.get(runs.get(0).id()).get("optimizer").get("momentum").asDouble());
        assertEquals(0.03, resolved.get(runs.get(0).id()).get("optimizer").get("lr").asDouble()); // cold
        assertEquals(0.1, resolved.get(runs.get(0).id()).get("method").get("temperature").asDouble());

        // run 0 finished (its data section differs: ignored), run 1 interrupted, the rest new
        PlannedRun finished = runs.get(0);
        ObjectNode finishedRecipe = resolved.get(finished.id()).deepCopy();
        ((ObjectNode) finishedRecipe.get("data")).put("workers", 5);
        writeRecipe(SweepRunner.runDir(out, finished), finishedRecipe);
        Files.writeString(SweepRunner.runDir(out, finished).resolve("summary.json"), "{\"bestMetrics\": {\"knn.top1\": 0.5}}");
        PlannedRun interrupted = runs.get(1);
        writeRecipe(SweepRunner.runDir(out, interrupted), resolved.get(interrupted.id()));
        Files.writeString(SweepRunner.runDir(out, interrupted).resolve("checkpoints/last.ckpt"), "x");

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepRunner runner = new SweepRunner(registry, List.of(dir), fake(resolved), new PrintStream(log, true));
        Map<String, RunStatus> statuses = runner.inspect(out, runs, resolved);
        assertEquals(RunStatus.FINISHED, statuses.get(finished.id()));
        assertEquals(RunStatus.INTERRUPTED, statuses.get(interrupted.id()));
        assertEquals(RunStatus.NEW, statuses.get(runs.get(2).id()));

        List<RunOutcome> outcomes = runner.run(spec, out, runs, statuses, 3, 2);
        assertEquals(runs.size(), outcomes.size());
        assertTrue(outcomes.stream().noneMatch(RunOutcome::failed));
        assertEquals(runs.size() - 1, launched.size());
        assertTrue(launched.stream().noneMatch(t -> t.run().id().equals(finished.id())));
        RunTask resumed = launched.stream().filter(t -> t.run().id().equals(interrupted.id())).findFirst().orElseThrow();
        assertTrue(resumed.arguments().contains("--resume"), resumed.arguments().toString());
        RunTask fresh = launched.stream().filter(t -> t.run().id().equals(runs.get(2).id())).findFirst().orElseThrow();
        assertFalse(fresh.arguments().contains("--resume"));

        // the child trains the base with the run's values as --set, one thread share per process
        List<String> args = fresh.arguments();
        assertEquals(List.of("train", spec.base().toString()), args.subList(0, 2));
        assertTrue(args.contains("optimizer.momentum=0.8") && args.contains("seed=" + runs.get(2).seed()), args.toString());
        assertTrue(args.contains("method={\"type\":\"simclr\",\"temperature\":0.1}"), args.toString());
        assertTrue(args.contains("augment.preset=\"a\"") && args.contains("data.workers=2"), args.toString());
        assertEquals("2", fresh.environment().get("OMP_NUM_THREADS"));
        assertEquals(dir.toAbsolutePath().toString(), args.get(args.indexOf("--plugins") + 1));

        // a second invocation finds everything finished and starts nothing
        launched.clear();
        Map<String, RunStatus> again = runner.inspect(out, runs, resolved);
        assertTrue(again.values().stream().allMatch(s -> s == RunStatus.FINISHED), again.toString());
        runner.run(spec, out, runs, again, 2, 0);
        assertTrue(launched.isEmpty());
    }

    /** pretrain writes summary.json before the evaluate stage: only the stage runner's stageMetrics end a staged run. */
    @Test
    void aStagedRunHasFinishedOnlyAfterItsLastStage() throws Exception {
        SweepSpec spec = spec();
        List<PlannedRun> runs = SweepPlan.runs(spec);
        SweepRunner probe = new SweepRunner(registry, List.of(), t -> 0, new PrintStream(new ByteArrayOutputStream()));
        ObjectNode staged = probe.resolve(spec, runs).get(runs.get(0).id()).deepCopy();
        staged.putArray("stages").add("pretrain").add("evaluate");
        Path runDir = dir.resolve("staged");
        writeRecipe(runDir, staged);
        Files.writeString(runDir.resolve("checkpoints/last.ckpt"), "x");
        Files.writeString(runDir.resolve("summary.json"), "{\"bestMetrics\": {}}");
        assertEquals(RunStatus.INTERRUPTED, RunInspector.status(runDir, staged));
        Files.writeString(runDir.resolve("summary.json"), "{\"bestMetrics\": {}, \"stageMetrics\": {\"evaluate.knn.top1\": 0.5}}");
        assertEquals(RunStatus.FINISHED, RunInspector.status(runDir, staged));
    }

    @Test
    void aFolderOfAnotherRecipeIsRefused() throws Exception {
        SweepSpec spec = spec();
        List<PlannedRun> runs = SweepPlan.runs(spec);
        Path out = dir.resolve("out");
        SweepRunner runner = new SweepRunner(registry, List.of(), t -> 0, new PrintStream(new ByteArrayOutputStream()));
        Map<String, ObjectNode> resolved = runner.resolve(spec, runs);
        ObjectNode other = resolved.get(runs.get(3).id()).deepCopy();
        ((ObjectNode) other.get("optimizer")).put("lr", 0.5);
        writeRecipe(SweepRunner.runDir(out, runs.get(3)), other);
        Files.writeString(SweepRunner.runDir(out, runs.get(3)).resolve("summary.json"), "{}");
        RecipeException e = assertThrows(RecipeException.class, () -> runner.inspect(out, runs, resolved));
        assertTrue(e.getMessage().contains("holds a run of a different recipe (first difference: 'optimizer')"), e.getMessage());
    }

    @Test
    void aMissingMethodFailsValidationAtTheGridLine() throws Exception {
        SweepSpec spec = SweepFile.read(SweepFixtures.write(dir, SweepFixtures.SWEEP.replace(
                "cold: {method: {type: simclr,", "cold: {method: {type: moco-not-installed,")));
        SweepRunner runner = new SweepRunner(registry, List.of(), t -> 0, new PrintStream(new ByteArrayOutputStream()));
        RecipeException e = assertThrows(RecipeException.class, () -> runner.resolve(spec, SweepPlan.runs(spec)));
        assertTrue(e.getMessage().startsWith("unknown method 'moco-not-installed' at ")
                && e.getMessage().contains("sweep.yaml:9:"), e.getMessage());
    }
}
