package contrastlab.plugins.augment;

import static contrastlab.plugins.augment.AugmentTesting.randomImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.AugmentationPlugin;
import contrastlab.api.augment.Image;
import contrastlab.plugins.augment.blur.GaussianBlurParameters;
import contrastlab.plugins.augment.color.ColorJitterParameters;
import contrastlab.plugins.augment.crop.RandomResizedCropParameters;
import contrastlab.plugins.augment.normalize.NormalizeParameters;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Discovery through META-INF/services and parameter binding the way the runtime does it (defaults + recipe keys). */
class AugmentationPluginsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Map<String, AugmentationPlugin<?>> plugins() {
        Map<String, AugmentationPlugin<?>> byName = new TreeMap<>();
        for (AugmentationPlugin<?> plugin : ServiceLoader.load(AugmentationPlugin.class)) {
            byName.put(plugin.name(), plugin);
        }
        return byName;
    }

    @Test
    void allStepsAreDiscoveredWithUsableDefaults() throws Exception {
        Map<String, AugmentationPlugin<?>> plugins = plugins();
        assertTrue(plugins.keySet().containsAll(List.of("random-resized-crop", "horizontal-flip", "color-jitter",
                "grayscale", "gaussian-blur", "normalize")), "discovered: " + plugins.keySet());
        for (AugmentationPlugin<?> plugin : plugins.values()) {
            assertTrue(plugin.name().matches("[a-z]+(-[a-z]+)*"), "not kebab-case: " + plugin.name());
            assertTrue(plugin.parametersType().isRecord(), plugin.name());
            assertTrue(plugin.parametersType().isInstance(plugin.defaults()), plugin.name());
            assertFalse(plugin.description().isBlank(), plugin.name());
            Object roundTrip = YAML.treeToValue(YAML.valueToTree(plugin.defaults()), plugin.parametersType());
            assertEquals(plugin.defaults(), roundTrip, plugin.name() + " defaults survive a Jackson round trip");
        }
    }

    @Test
    void recipeKeysBindOntoTheDefaults() throws Exception {
        RandomResizedCropParameters square = bind("random-resized-crop", "size: 32");
        assertEquals(List.of(32), square.size());
        assertEquals(List.of(0.08, 1.0), square.scale());
        RandomResizedCropParameters rect = bind("random-resized-crop", "{size: [24, 16], scale: [0.2, 1]}");
        assertEquals(List.of(24, 16), rect.size());
        assertEquals(List.of(0.2, 1.0), rect.scale());

        ColorJitterParameters jitter = bind("color-jitter", "{strength: 0.5, p: 0.8}");
        assertEquals(new ColorJitterParameters(0, 0, 0, 0, 0.5, 0.8), jitter);

        GaussianBlurParameters blur = bind("gaussian-blur", "{kernelFraction: 0.1, sigma: 1.0, p: 0.5}");
        assertEquals(new GaussianBlurParameters(0, 0.1, List.of(1.0), 0.5), blur);

        NormalizeParameters perChannel = bind("normalize", "{mean: [0.4914, 0.4822, 0.4465], std: [0.247, 0.243, 0.261]}");
        assertEquals(List.of(0.4914, 0.4822, 0.4465), perChannel.mean());
        NormalizeParameters shared = bind("normalize", "{mean: 0.5, std: 0.5}");
        assertEquals(new NormalizeParameters(List.of(0.5), List.of(0.5)), shared);

        assertThrows(Exception.class, () -> bind("horizontal-flip", "{probability: 0.3}"), "unknown keys are rejected");
    }

    @Test
    void boundRecipeStepsRun() throws Exception {
        Map<String, String> recipe = Map.of(
                "random-resized-crop", "{size: 24}",
                "horizontal-flip", "{}",
                "color-jitter", "{brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1, p: 0.8}",
                "grayscale", "{p: 0.2}",
                "gaussian-blur", "{kernelSize: 3, p: 0.5}",
                "normalize", "{mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25]}");
        Image image = randomImage(3, 32, 32, 61);
        SplittableRandom random = new SplittableRandom(62);
        for (String step : List.of("random-resized-crop", "horizontal-flip", "color-jitter", "grayscale",
                "gaussian-blur", "normalize")) {
            image = create(step, recipe.get(step)).apply(image, random);
        }
        assertEquals(3, image.channels());
        assertEquals(24, image.height());
        assertEquals(24, image.width());
        for (float v : image.pixels()) {
            assertTrue(v >= -2f && v <= 2f, "normalised value out of range: " + v);
        }
    }

    @SuppressWarnings("unchecked")
    private static <P> P bind(String name, String yaml) throws Exception {
        AugmentationPlugin<P> plugin = (AugmentationPlugin<P>) plugins().get(name);
        ObjectNode tree = YAML.valueToTree(plugin.defaults());
        JsonNode overlay = YAML.readTree(yaml);
        tree.setAll((ObjectNode) overlay);
        return YAML.treeToValue(tree, plugin.parametersType());
    }

    @SuppressWarnings("unchecked")
    private static <P> Augmentation create(String name, String yaml) throws Exception {
        AugmentationPlugin<P> plugin = (AugmentationPlugin<P>) plugins().get(name);
        return plugin.create(bind(name, yaml));
    }
}
