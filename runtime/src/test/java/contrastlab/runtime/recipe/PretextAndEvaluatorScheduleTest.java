package contrastlab.runtime.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.wiring.ActiveEvaluator;
import contrastlab.runtime.wiring.ActivePretext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pretext weight schedule (λ) and when evaluators run, as recipes set them. */
class PretextAndEvaluatorScheduleTest {

    static PluginRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void discover() {
        registry = PluginRegistry.discover(List.of());
    }

    private Recipe load(String... sets) throws IOException {
        Path file = dir.resolve("recipe.yaml");
        Files.writeString(file, RecipeLoaderTest.BASE);
        return new RecipeLoader(registry).load(file, List.of(sets));
    }

    @Test
    void pretextDefaultsAreThePapersLambdaAfterFortyEpochsAndAppearInTheResolvedRecipe() throws IOException {
        Recipe r = load("pretext=[{type: rotation}, {type: jigsaw, weight: 0.5, warmupEpochs: 0}]");
        PretextChoice rotation = r.pretext().get(0);
        assertEquals(0.3, rotation.weight());
        assertEquals(40, rotation.warmupEpochs());
        assertEquals(0.5, r.pretext().get(1).weight());
        assertEquals(0, r.pretext().get(1).warmupEpochs());
        assertEquals(0.3, r.resolved().get("pretext").get(0).get("weight").asDouble());
        assertEquals(40, r.resolved().get("pretext").get(0).get("warmupEpochs").asInt());
        assertEquals(List.of(512, 128), List.of(r.resolved().get("pretext").get(0).get("hidden").get(0).asInt(),
                r.resolved().get("pretext").get(0).get("hidden").get(1).asInt()), "plugin keys stay");
        RecipeException negative = assertThrows(RecipeException.class, () -> load("pretext=[{type: rotation, weight: -1}]"));
        assertTrue(negative.getMessage().contains("must not be negative"), negative.getMessage());
    }

    @Test
    void lambdaIsZeroBeforeTheWarmUpEndsThenTheWeight() {
        ActivePretext task = new ActivePretext("rotation", null, 0.3, 40);
        assertEquals(0.0, task.weightAt(0));
        assertEquals(0.0, task.weightAt(39));
        assertEquals(0.3, task.weightAt(40));
        assertEquals(0.3, task.weightAt(999));
        assertEquals(0.3, new ActivePretext("rotation", null, 0.3, 0).weightAt(0), "warm-up 0 = the original code");
    }

    @Test
    void everyEpochsZeroRunsAnEvaluatorAfterTheLastEpochOnly() throws IOException {
        Recipe r = load("evaluate=[{type: knn, everyEpochs: 0}, {type: linear, everyEpochs: 3}]");
        assertEquals(0, r.evaluate().get(0).everyEpochs());
        ActiveEvaluator endOnly = new ActiveEvaluator("linear", 0, context -> java.util.Map.of());
        assertFalse(endOnly.runsAfter(0, 10));
        assertFalse(endOnly.runsAfter(8, 10));
        assertTrue(endOnly.runsAfter(9, 10));
        ActiveEvaluator everyThird = new ActiveEvaluator("linear", 3, context -> java.util.Map.of());
        assertTrue(everyThird.runsAfter(2, 10));
        assertFalse(everyThird.runsAfter(3, 10));
        assertTrue(everyThird.runsAfter(9, 10));
        assertThrows(RecipeException.class, () -> load("evaluate=[{type: knn, everyEpochs: -1}]"));
    }

    @Test
    void evaluatorNamesDefaultToTheTypeAndMustBeDistinct() throws IOException {
        Recipe plain = load("evaluate=[{type: knn}, {type: linear}]");
        assertEquals("knn", plain.evaluate().get(0).name());
        assertEquals("linear", plain.evaluate().get(1).name());
        assertEquals("knn.top1", plain.primaryMetric());
        assertEquals("knn", plain.resolved().get("evaluate").get(0).get("name").asText());

        Recipe named = load("evaluate=[{type: linear, name: linear_p1}, {type: linear, name: linear_p2}]");
        assertEquals("linear_p1", named.evaluate().get(0).name());
        assertEquals("linear_p2", named.evaluate().get(1).name());
        assertEquals("linear_p1.top1", named.primaryMetric());

        RecipeException twice = assertThrows(RecipeException.class, () -> load("evaluate=[{type: linear}, {type: linear}]"));
        assertTrue(twice.getMessage().contains("two evaluators are named 'linear'"), twice.getMessage());
        RecipeException dotted = assertThrows(RecipeException.class, () -> load("evaluate=[{type: knn, name: a.b}]"));
        assertTrue(dotted.getMessage().contains("evaluate.0.name"), dotted.getMessage());
    }
}
