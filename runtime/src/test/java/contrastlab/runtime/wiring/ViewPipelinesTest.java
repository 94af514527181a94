package contrastlab.runtime.wiring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.AugmentationPlugin;
import contrastlab.api.augment.Image;
import contrastlab.api.plugin.PluginKind;
import contrastlab.api.util.Seeds;
import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.recipe.Recipe;
import contrastlab.runtime.recipe.RecipeException;
import contrastlab.runtime.recipe.RecipeLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code augment: {views: [...]}} gives each view its own pipeline (asymmetric recipes). */
class ViewPipelinesTest {

    static final String RECIPE = """
            name: asym
            dataset: {type: synthetic, size: 64, channels: 1, height: 4, width: 4}
            views: VIEWS
            augment:
              views:
                - [{type: horizontal-flip, p: 0.0}]
                - [{type: horizontal-flip, p: 1.0}]
            backbone: {type: resnet, depth: 18, stem: cifar, width: 4}
            method: {type: simclr}
            schedule: {type: cosine, epochs: 1}
            batchSize: 16
            """;

    @TempDir
    Path dir;

    private final PluginRegistry registry = PluginRegistry.discover(List.of());

    private Recipe load(String text) throws IOException {
        Path file = dir.resolve("asym.yaml");
        Files.writeString(file, text);
        return new RecipeLoader(registry).load(file, List.of());
    }

    @Test
    void eachViewRunsItsOwnSteps() throws IOException {
        Recipe recipe = load(RECIPE.replace("VIEWS", "2"));
        assertEquals(2, recipe.viewAugment().size());
        assertTrue(recipe.resolved().get("augment").get("views").isArray(), recipe.resolved().toString());

        Map<String, AugmentationPlugin<?>> plugins = new LinkedHashMap<>();
        registry.plugins(PluginKind.AUGMENTATION).forEach((k, v) -> plugins.put(k, (AugmentationPlugin<?>) v));
        List<Augmentation> views = new RecipeModule(recipe, null, null).viewPipelines(plugins);
        assertEquals(2, views.size());
        float[] row = {1, 2, 3, 4};
        Image image = new Image(1, 1, 4, row.clone());
        assertArrayEquals(new float[] {1, 2, 3, 4}, views.get(0).apply(image.copy(), Seeds.random(1, 0)).pixels());
        assertArrayEquals(new float[] {4, 3, 2, 1}, views.get(1).apply(image.copy(), Seeds.random(1, 0)).pixels());
    }

    @Test
    void presetsWorkPerViewAndCountsMustMatch() throws IOException {
        Recipe recipe = load(RECIPE.replace("VIEWS", "2").replace("[{type: horizontal-flip, p: 0.0}]",
                "{preset: a, size: 4, mean: [0.5], std: [0.5]}"));
        assertEquals("random-resized-crop", recipe.viewAugment().get(0).get(0).name());
        assertEquals("horizontal-flip", recipe.viewAugment().get(1).get(0).name());

        RecipeException e = assertThrows(RecipeException.class, () -> load(RECIPE.replace("VIEWS", "3")));
        assertTrue(e.getMessage().startsWith("'augment.views' at ") && e.getMessage().contains("has 2 pipelines but views is 3"),
                e.getMessage());
        e = assertThrows(RecipeException.class, () -> load(RECIPE.replace("VIEWS", "2").replace("p: 1.0", "q: 1.0")));
        assertTrue(e.getMessage().startsWith("unknown key 'augment.views.1.0.q'"), e.getMessage());
    }
}
