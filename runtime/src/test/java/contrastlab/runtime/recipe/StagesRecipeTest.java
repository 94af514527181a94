package contrastlab.runtime.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import contrastlab.runtime.TestRecipes;
import contrastlab.runtime.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code stages:} key: names and maps, built-in and plugin stages, and its one-line errors. */
class StagesRecipeTest {

    /** Marks a recipe whose knn evaluator runs after training only (everyEpochs: 0). */
    private static final String EVAL_AFTER = "#eval-after\n";

    static PluginRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void discover() {
        registry = PluginRegistry.discover(List.of());
    }

    private Recipe load(String extra) throws IOException {
        String base = extra.contains(EVAL_AFTER) ? TestRecipes.TINY.replace("temperature: 0.1}]", "temperature: 0.1, everyEpochs: 0}]")
                : TestRecipes.TINY;
        return new RecipeLoader(registry).load(TestRecipes.write(dir, base + extra), List.of());
    }

    private String error(String extra) {
        RecipeException e = assertThrows(RecipeException.class, () -> load(extra));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void aRecipeWithoutStagesIsUnchanged() throws IOException {
        Recipe r = load("");
        assertFalse(r.multiStage());
        assertFalse(r.resolved().has("stages"), "no stages key in the resolved recipe");
    }

    @Test
    void bareNamesAndMapsResolveWithDefaultsAndNames() throws IOException {
        Recipe r = load("stages: [autoencoder, {type: recording, name: extra, value: 2.5}, pretrain, evaluate]\n" + EVAL_AFTER);
        assertEquals(List.of("autoencoder", "extra", "pretrain", "evaluate"), r.stages().stream().map(StageChoice::name).toList());
        assertEquals(List.of(StageChoice.Kind.PLUGIN, StageChoice.Kind.PLUGIN, StageChoice.Kind.PRETRAIN,
                StageChoice.Kind.EVALUATE), r.stages().stream().map(StageChoice::kind).toList());
        JsonNode autoencoder = r.resolved().get("stages").get(0);
        assertEquals("autoencoder", autoencoder.get("name").asText());
        assertEquals(0.01, autoencoder.get("noise").asDouble());
        assertEquals(2, autoencoder.get("patience").asInt());
        assertEquals(0.1, autoencoder.get("validationFraction").asDouble());
        assertEquals(2.5, r.resolved().get("stages").get(1).get("value").asDouble());
        assertEquals("{\"type\":\"pretrain\",\"name\":\"pretrain\"}", r.resolved().get("stages").get(2).toString());
        assertTrue(r.evaluateStage());
    }

    @Test
    void mistakesAreOneLineNamingTheEntryAndTheFix() {
        String unknown = error("stages: [autoencodr, pretrain]\n");
        assertTrue(unknown.contains("stages[0]") && unknown.contains("autoencodr") && unknown.contains("known: ")
                && unknown.contains("autoencoder") && unknown.contains("pretrain"), unknown);

        String duplicate = error("stages: [autoencoder, {type: autoencoder, noise: 0.1}, pretrain]\n");
        assertTrue(duplicate.contains("stages[1]") && duplicate.contains("name: autoencoder-2"), duplicate);

        String missing = error("stages: [autoencoder]\n");
        assertTrue(missing.contains("no pretrain") && missing.contains("[autoencoder, pretrain]"), missing);

        String twice = error("stages: [pretrain, {type: pretrain, name: again}]\n");
        assertTrue(twice.contains("stages[1]") && twice.contains("already stages[0]"), twice);

        String early = error("stages: [evaluate, pretrain]\n" + EVAL_AFTER);
        assertTrue(early.contains("stages[0]") && early.contains("move it after pretrain"), early);

        String nothingToEvaluate = error("stages: [pretrain, evaluate]\n");
        assertTrue(nothingToEvaluate.contains("stages[1]") && nothingToEvaluate.contains("everyEpochs: 0"), nothingToEvaluate);

        String builtinKey = error("stages: [{type: pretrain, epochs: 3}]\n");
        assertTrue(builtinKey.contains("'epochs'") && builtinKey.contains("stages[0]")
                && builtinKey.contains("top-level sections"), builtinKey);

        String pluginKey = error("stages: [{type: autoencoder, nosie: 0.1}, pretrain]\n");
        assertTrue(pluginKey.contains("stages.0.nosie") && pluginKey.contains("valid keys") && pluginKey.contains("noise"),
                pluginKey);

        String badValue = error("stages: [{type: autoencoder, validationFraction: 0}, pretrain]\n");
        assertTrue(badValue.contains("validationFraction"), badValue);

        String notAList = error("stages: autoencoder\n");
        assertTrue(notAList.contains("'stages'") && notAList.contains("must be a list"), notAList);
    }
}
