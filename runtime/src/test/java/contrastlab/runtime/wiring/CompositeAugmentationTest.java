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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code random-apply} wraps a list of steps loaded like any pipeline, and draws as torchvision's RandomApply. */
class CompositeAugmentationTest {

    static final String RECIPE = """
            name: composite
            dataset: {type: synthetic, size: 64, channels: 3, height: 8, width: 8}
            augment:
              STEPS
            backbone: {type: resnet, depth: 18, stem: cifar, width: 4}
            method: {type: simclr}
            schedule: {type: cosine, epochs: 1}
            batchSize: 16
            """;

    private final PluginRegistry registry = PluginRegistry.discover(List.of());

    private Recipe load(String steps) {
        return new RecipeLoader(registry).load(RECIPE.replace("STEPS", steps), "composite.yaml", List.of());
    }

    private Augmentation firstView(Recipe recipe) {
        Map<String, AugmentationPlugin<?>> plugins = new LinkedHashMap<>();
        registry.plugins(PluginKind.AUGMENTATION).forEach((k, v) -> plugins.put(k, (AugmentationPlugin<?>) v));
        return new RecipeModule(recipe, null, null).viewPipelines(plugins).get(0);
    }

    @Test
    void randomApplyDrawsExactlyAsTheStepsOwnProbability() {
        Recipe wrapped = load("""
                - {type: random-apply, p: 0.8, transforms: [{type: color-jitter, strength: 0.5}]}
                  - {type: horizontal-flip}""");
        Recipe flat = load("""
                - {type: color-jitter, strength: 0.5, p: 0.8}
                  - {type: horizontal-flip}""");
        assertEquals("random-apply", wrapped.viewAugment().get(0).get(0).name());
        assertEquals(1, wrapped.viewAugment().get(0).get(0).steps().size());
        // the resolved recipe keeps the inner steps with their defaults
        var inner = wrapped.resolved().get("augment").get(0).get("transforms").get(0);
        assertEquals("color-jitter", inner.get("type").asText());
        assertTrue(inner.has("p") && inner.has("hue"), inner.toString());

        Augmentation a = firstView(wrapped);
        Augmentation b = firstView(flat);
        SplittableRandom pixels = new SplittableRandom(3);
        for (int seed = 0; seed < 200; seed++) {
            float[] px = new float[3 * 8 * 8];
            for (int i = 0; i < px.length; i++) {
                px[i] = (float) pixels.nextDouble();
            }
            Image image = new Image(3, 8, 8, px);
            float[] expected = b.apply(image.copy(), Seeds.random(seed, 0)).pixels();
            float[] actual = a.apply(image.copy(), Seeds.random(seed, 0)).pixels();
            assertArrayEquals(expected, actual, "seed " + seed);
        }

        Augmentation gray = firstView(load("- {type: random-apply, p: 0.3, transforms: [{type: grayscale}]}"));
        Image colourful = new Image(3, 1, 1, new float[] {1, 0, 0});
        int applied = 0;
        for (int seed = 0; seed < 2000; seed++) {
            if (gray.apply(colourful.copy(), Seeds.random(seed, 0)).pixels()[1] != 0f) {
                applied++;
            }
        }
        // 4 sigma of Binomial(2000, 0.3) is 82
        assertTrue(Math.abs(applied - 600) <= 82, "applied " + applied + " of 2000 at p = 0.3");
    }

    @Test
    void mistakesInsideTheWrapperNameTheirPath() {
        RecipeException e = assertThrows(RecipeException.class,
                () -> load("- {type: random-apply, p: 0.5, transforms: [{type: grayscale, q: 1}]}"));
        assertTrue(e.getMessage().contains("augment.0.transforms.0"), e.getMessage());
        e = assertThrows(RecipeException.class, () -> load("- {type: random-apply, p: 0.5}"));
        assertTrue(e.getMessage().contains("missing key 'augment.0.transforms'"), e.getMessage());
        e = assertThrows(RecipeException.class,
                () -> load("- {type: random-apply, transforms: [{type: grayscale}]}"));
        assertTrue(e.getMessage().contains("p"), e.getMessage());
    }
}
