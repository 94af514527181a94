package contrastlab.runtime.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.plugins.dataset.synthetic.SyntheticDatasetPlugin;
import contrastlab.plugins.dataset.synthetic.SyntheticParameters;
import contrastlab.runtime.TestRecipes;
import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.recipe.Recipe;
import contrastlab.runtime.recipe.RecipeLoader;
import contrastlab.runtime.run.Checkpoint;
import contrastlab.runtime.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Skipping finished stages, re-running a changed stage and everything after it, and resuming an
 * interrupted stage, with the cheap {@link RecordingStagePlugin} and a pretrain that only records.
 */
class StageRunnerTest {

    private static final String STAGES = "stages: [{type: recording, name: a, value: %s}, "
            + "{type: recording, name: b, reads: a, failOnce: %s}, pretrain, evaluate]\n";

    static PluginRegistry registry;

    @TempDir
    Path dir;

    RunDirectory run;

    @BeforeAll
    static void discover() {
        registry = PluginRegistry.discover(List.of());
    }

    @BeforeEach
    void clearEvents() {
        RecordingStagePlugin.EVENTS.clear();
        run = RunDirectory.at(dir.resolve("run"));
    }

    private Recipe recipe(String aValue, boolean bFailsOnce, String... sets) throws IOException {
        String base = TestRecipes.TINY.replace("temperature: 0.1}]", "temperature: 0.1, everyEpochs: 0}]");
        Path file = TestRecipes.write(dir, base + String.format(STAGES, aValue, bFailsOnce));
        return new RecipeLoader(registry).load(file, List.of(sets));
    }

    /** Records pretrain and evaluate; pretrain leaves a checkpoint and a summary as the real one does. */
    final class FakeHost implements StageRunner.Host {
        final List<String> calls = new ArrayList<>();
        final FinishedStages finished;
        boolean failPretrain;

        FakeHost(FinishedStages finished) {
            this.finished = finished;
        }

        @Override
        public ImageDataset train() {
            return new SyntheticDatasetPlugin().open(new SyntheticParameters(40, 8, 4, 1, 8, 8, 1), "train");
        }

        @Override
        public ImageDataset split(String name) {
            throw new UnsupportedOperationException(name);
        }

        @Override
        public NDManager newManager() {
            return NDManager.newBaseManager();
        }

        @Override
        public int workers() {
            return 1;
        }

        @Override
        public void pretrain(boolean resume) throws IOException {
            // the sampler of pretrain sees the stages before it
            calls.add("pretrain" + (resume ? " resumed" : "") + " after " + Files.readString(
                    finished.directory("b").resolve("out.txt")));
            Files.writeString(run.checkpoints().resolve(Checkpoint.LAST), "weights");
            if (failPretrain) {
                throw new IllegalStateException("interrupted pretrain");
            }
            Files.writeString(run.summary(), "{\"name\": \"tiny\", \"bestMetrics\": {\"knn.top1\": 0.5}}");
        }

        @Override
        public Map<String, Double> evaluate() {
            calls.add("evaluate");
            return Map.of("knn.top1", 0.75);
        }

        @Override
        public void log(String line) {}
    }

    private FakeHost runStages(Recipe recipe) throws IOException {
        FakeHost host = new FakeHost(new FinishedStages());
        new StageRunner(recipe, run).run(host, host.finished);
        return host;
    }

    @Test
    void aSecondRunSkipsEveryFinishedStageAndTheSummaryHasTheirMetrics() throws IOException {
        FakeHost first = runStages(recipe("2.0", false));
        assertEquals(List.of("run a", "run b"), RecordingStagePlugin.EVENTS);
        assertEquals(List.of("pretrain after 1.0 after 2.0", "evaluate"), first.calls);
        for (String stage : List.of("a", "b", "pretrain", "evaluate")) {
            assertTrue(Files.exists(StageRunner.directory(run, stage).resolve(StageRunner.DONE)), stage);
            assertTrue(Files.exists(StageRunner.directory(run, stage).resolve(StageRunner.SECTION)), stage);
        }

        RecordingStagePlugin.EVENTS.clear();
        FakeHost host = new FakeHost(new FinishedStages());
        StageRunner.Result second = new StageRunner(recipe("2.0", false), run).run(host, host.finished);
        assertEquals(List.of(), RecordingStagePlugin.EVENTS);
        assertEquals(List.of(), host.calls);
        assertEquals(List.of("a", "b", "pretrain", "evaluate"), second.skipped());
        JsonNode summary = new ObjectMapper().readTree(run.summary().toFile());
        assertEquals(2.0, summary.path("stageMetrics").path("a.value").asDouble());
        assertEquals(40.0, summary.path("stageMetrics").path("b.images").asDouble());
        assertEquals(0.75, summary.path("stageMetrics").path("evaluate.knn.top1").asDouble());
        assertEquals(0.5, summary.path("bestMetrics").path("knn.top1").asDouble(), "pretrain's summary is kept");
    }

    @Test
    void aChangedSectionEmptiesItsStageAndRerunsItAndEveryLaterStage() throws IOException {
        runStages(recipe("2.0", false));
        Path stray = StageRunner.directory(run, "a").resolve("stray.txt");
        Files.writeString(stray, "from the first run");
        Files.writeString(run.checkpoints().resolve(Checkpoint.BEST), "old best");
        RecordingStagePlugin.EVENTS.clear();

        FakeHost host = runStages(recipe("3.0", false));
        assertEquals(List.of("run a", "run b"), RecordingStagePlugin.EVENTS);
        assertFalse(Files.exists(stray), "the changed stage's folder is emptied");
        assertFalse(Files.exists(run.checkpoints().resolve(Checkpoint.BEST)), "pretrain's outputs are emptied");
        // ... into superseded/, never deleted
        assertEquals("from the first run", Files.readString(superseded("a").resolve("stray.txt")));
        assertTrue(Files.exists(superseded("a").resolve(StageRunner.DONE)));
        Path pretrain = superseded("pretrain");
        assertEquals("old best", Files.readString(pretrain.resolve("checkpoints").resolve(Checkpoint.BEST)));
        assertTrue(Files.exists(pretrain.resolve(run.summary().getFileName())), "the finished summary is kept");
        assertEquals(List.of("pretrain after 1.0 after 3.0", "evaluate"), host.calls, "pretrain starts over");
        assertEquals("1.0 after 3.0", Files.readString(StageRunner.directory(run, "b").resolve("out.txt")));
    }

    @Test
    void aChangeToTheTrainingReRunsPretrainAndEvaluateButNotTheStagesBefore() throws IOException {
        runStages(recipe("2.0", false));
        RecordingStagePlugin.EVENTS.clear();
        FakeHost host = runStages(recipe("2.0", false, "method.temperature=0.2"));
        assertEquals(List.of(), RecordingStagePlugin.EVENTS);
        assertEquals(List.of("pretrain after 1.0 after 2.0", "evaluate"), host.calls);
        // the data loading threads do not count as a change
        host = runStages(recipe("2.0", false, "method.temperature=0.2", "data.workers=1"));
        assertEquals(List.of(), host.calls);
    }

    @Test
    void anInterruptedStageResumesInItsFolderAndAnInterruptedPretrainFromItsCheckpoint() throws IOException {
        Recipe recipe = recipe("2.0", true);
        assertThrows(IllegalStateException.class, () -> runStages(recipe));
        assertEquals(List.of("run a", "run b"), RecordingStagePlugin.EVENTS);
        assertFalse(Files.exists(StageRunner.directory(run, "b").resolve(StageRunner.DONE)));

        FakeHost interrupted = new FakeHost(new FinishedStages());
        interrupted.failPretrain = true;
        assertThrows(IllegalStateException.class, () -> new StageRunner(recipe, run).run(interrupted, interrupted.finished));
        assertEquals(List.of("run a", "run b", "resume b"), RecordingStagePlugin.EVENTS, "a is skipped, b resumes");
        assertEquals(List.of("pretrain after 1.0 after 2.0"), interrupted.calls);

        FakeHost host = runStages(recipe);
        assertEquals(List.of("run a", "run b", "resume b"), RecordingStagePlugin.EVENTS);
        assertEquals(List.of("pretrain resumed after 1.0 after 2.0", "evaluate"), host.calls);
    }

    /**
     * A section recorded by an older contrastlab: its keys in another order and without a parameter added
     * since (at its default). Neither counts, unless the user's recipe sets that parameter.
     */
    @Test
    void keyOrderAndAParameterAddedSinceAtItsDefaultDoNotReRunAFinishedStage() throws IOException {
        runStages(recipe("2.0", false));
        Path pretrainSection = StageRunner.directory(run, "pretrain").resolve(StageRunner.SECTION);
        ObjectMapper json = new ObjectMapper();
        ObjectNode old = (ObjectNode) json.readTree(pretrainSection.toFile());
        assertTrue(old.at("/recipe/data").has("inputTransform"), old.at("/recipe/data").toString());
        ((ObjectNode) old.at("/recipe/data")).remove("inputTransform");
        // stage a recorded with its keys in another order (and b after that record), as when a map's order
        // differs between two runs
        Path aSection = StageRunner.directory(run, "a").resolve(StageRunner.SECTION);
        JsonNode aReversed = reversed(json.readTree(aSection.toFile()));
        Files.writeString(aSection, json.writeValueAsString(aReversed));
        Path bSection = StageRunner.directory(run, "b").resolve(StageRunner.SECTION);
        ObjectNode b = (ObjectNode) json.readTree(bSection.toFile());
        b.put("after", StageRunner.fingerprint(aReversed));
        Files.writeString(bSection, json.writeValueAsString(b));
        old.put("after", StageRunner.fingerprint(json.readTree(bSection.toFile())));
        Files.writeString(pretrainSection, json.writeValueAsString(old));
        Path evaluateSection = StageRunner.directory(run, "evaluate").resolve(StageRunner.SECTION);
        ObjectNode evaluate = (ObjectNode) json.readTree(evaluateSection.toFile());
        evaluate.put("after", StageRunner.fingerprint(old));
        Files.writeString(evaluateSection, json.writeValueAsString(evaluate));
        RecordingStagePlugin.EVENTS.clear();

        FakeHost host = runStages(recipe("2.0", false));
        assertEquals(List.of(), RecordingStagePlugin.EVENTS);
        assertEquals(List.of(), host.calls, "nothing runs again");

        // set explicitly, even to its default, the new parameter is a change
        host = runStages(recipe("2.0", false, "data.inputTransform=auto"));
        assertEquals(List.of("pretrain after 1.0 after 2.0", "evaluate"), host.calls);
    }

    @Test
    void sectionPointersMapToTheRecipeKeysTheUserWrites() {
        assertEquals("/data/inputTransform", StageRunner.recipePointer("/recipe/data/inputTransform", 2));
        assertEquals("/stages/1/value", StageRunner.recipePointer("/stage/value", 1));
        assertEquals("/evaluate/0/k", StageRunner.recipePointer("/evaluate/0/k", 3));
        assertEquals(null, StageRunner.recipePointer("/after", 3));
    }

    private Path superseded(String stage) throws IOException {
        try (var folders = Files.list(run.path().resolve(StageRunner.SUPERSEDED))) {
            return folders.filter(p -> p.getFileName().toString().startsWith(stage + "-")).findFirst().orElseThrow();
        }
    }

    private static JsonNode reversed(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        ObjectNode out = new ObjectMapper().createObjectNode();
        for (int i = names.size() - 1; i >= 0; i--) {
            out.set(names.get(i), reversed(node.get(names.get(i))));
        }
        return out;
    }
}
