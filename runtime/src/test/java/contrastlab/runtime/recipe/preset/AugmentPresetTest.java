package contrastlab.runtime.recipe.preset;

import contrastlab.api.augment.AugmentPreset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import contrastlab.plugins.augment.blur.GaussianBlurParameters;
import contrastlab.plugins.augment.color.ColorJitterParameters;
import contrastlab.plugins.augment.color.GrayscaleParameters;
import contrastlab.plugins.augment.crop.RandomResizedCropParameters;
import contrastlab.plugins.augment.flip.HorizontalFlipParameters;
import contrastlab.plugins.augment.normalize.NormalizeParameters;
import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.recipe.PluginChoice;
import contrastlab.runtime.recipe.Recipe;
import contrastlab.runtime.recipe.RecipeException;
import contrastlab.runtime.recipe.RecipeLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contrastive2021 presets expand to exactly the reference's steps (shared reference methods.md §2),
 * letter by letter, and their mistakes are one-line recipe errors.
 */
class AugmentPresetTest {

    static final String BASE = """
            name: tiny
            dataset: {type: synthetic, size: 64}
            augment: AUGMENT
            backbone: {type: resnet, depth: 18, stem: cifar, width: 4}
            method: {type: simclr}
            schedule: {type: cosine, epochs: 1}
            batchSize: 16
            """;

    static final List<Double> IMAGENET_MEAN = List.of(0.485, 0.456, 0.406);
    static final List<Double> IMAGENET_STD = List.of(0.229, 0.224, 0.225);
    static final List<Double> RATIO = List.of(0.75, 4.0 / 3.0);

    static PluginRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void discover() {
        registry = PluginRegistry.discover(List.of());
    }

    private Recipe load(String augment) throws IOException {
        return loadText(BASE.replace("AUGMENT", augment));
    }

    private Recipe loadText(String text) throws IOException {
        Path file = dir.resolve("recipe.yaml");
        Files.writeString(file, text);
        return new RecipeLoader(registry).load(file, List.of());
    }

    private String error(String augment) {
        RecipeException e = assertThrows(RecipeException.class, () -> load(augment));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    /** The reference's pipeline for a set string, written out independently of the preset's code. */
    private static List<Object> reference(String sets, int size, List<Double> mean, List<Double> std) {
        List<Object> steps = new ArrayList<>();
        // (a) off = lightly's min_scale 1: the crop step stays with scale (1, 1)
        steps.add(new RandomResizedCropParameters(List.of(size),
                sets.contains("a") ? List.of(0.08, 1.0) : List.of(1.0, 1.0), RATIO));
        if (sets.contains("e")) {
            steps.add(new HorizontalFlipParameters(0.5));
        }
        if (sets.contains("d")) {
            steps.add(new ColorJitterParameters(0, 0, 0, 0, 0.5, 0.8));
        }
        if (sets.contains("c")) {
            steps.add(new GrayscaleParameters(0, 0.2));
        }
        if (sets.contains("b")) {
            // PIL GaussianBlur(radius=1): a Gaussian of standard deviation 1, kernel to 3 sigma
            steps.add(new GaussianBlurParameters(7, 0.0, List.of(1.0), 0.5));
        }
        steps.add(new NormalizeParameters(mean, std));
        return steps;
    }

    private static List<Object> parameters(List<PluginChoice<?>> steps) {
        return steps.stream().map(s -> (Object) s.parameters()).toList();
    }

    @Test
    void everySubsetOfTheLettersGivesTheReferenceSteps() throws IOException {
        int count = 0;
        for (int mask = 1; mask < 32; mask++) {
            StringBuilder sets = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                if ((mask & (1 << i)) != 0) {
                    sets.append("abcde".charAt(i));
                }
            }
            Recipe r = load("{preset: " + sets + "}");
            assertEquals(reference(sets.toString(), 32, IMAGENET_MEAN, IMAGENET_STD), parameters(r.augment()),
                    sets.toString());
            assertEquals(List.of(r.augment(), r.augment()), r.viewAugment());
            count++;
        }
        assertEquals(31, count);
    }

    @Test
    void eachLetterSwitchesExactlyItsOwnStep() throws IOException {
        List<String> full = parameters(load("{preset: abcde}").augment()).stream()
                .map(p -> p.getClass().getSimpleName()).toList();
        assertEquals(List.of("RandomResizedCropParameters", "HorizontalFlipParameters", "ColorJitterParameters",
                "GrayscaleParameters", "GaussianBlurParameters", "NormalizeParameters"), full);
        assertEquals(List.of(0.08, 1.0), ((RandomResizedCropParameters) load("{preset: abcde}").augment().get(0)
                .parameters()).scale());
        assertEquals(List.of(1.0, 1.0), ((RandomResizedCropParameters) load("{preset: bcde}").augment().get(0)
                .parameters()).scale());
        assertEquals(5, load("{preset: acde}").augment().size()); // no blur
        assertEquals(5, load("{preset: abde}").augment().size()); // no grayscale
        assertEquals(5, load("{preset: abce}").augment().size()); // no jitter
        assertEquals(5, load("{preset: abcd}").augment().size()); // no flip
        assertTrue(load("{preset: abcd}").augment().stream().noneMatch(s -> s.name().equals("horizontal-flip")));
    }

    @Test
    void sizeAndNormalisationAreKeys() throws IOException {
        Recipe r = load("{preset: ab, size: 28, mean: [0.286], std: [0.353]}");
        assertEquals(reference("ab", 28, List.of(0.286), List.of(0.353)), parameters(r.augment()));
    }

    @Test
    void colorPresetIsCropAndJitterWithProbabilityOne() throws IOException {
        Recipe r = load("{preset: color, strength: 0.125}");
        assertEquals(List.of(new RandomResizedCropParameters(List.of(32), List.of(0.08, 1.0), RATIO),
                new ColorJitterParameters(0, 0, 0, 0, 0.125, 1.0),
                new NormalizeParameters(IMAGENET_MEAN, IMAGENET_STD)), parameters(r.augment()));
    }

    @Test
    void namedPipelinesFollowTheirPapersCode() throws IOException {
        // ScatSimCLR src/data/augmentor.py at 96 px: blur kernel 2*int(0.05*96)+1 = 9
        assertEquals(List.of(new RandomResizedCropParameters(List.of(96), List.of(0.08, 1.0), RATIO),
                new HorizontalFlipParameters(0.5),
                new ColorJitterParameters(0, 0, 0, 0, 1.0, 0.8),
                new GrayscaleParameters(0, 0.2),
                new GaussianBlurParameters(9, 0.0, List.of(0.1, 2.0), 0.5),
                new NormalizeParameters(IMAGENET_MEAN, IMAGENET_STD)), parameters(load("{preset: scatsimclr, size: 96}").augment()));
        assertEquals(3, ((GaussianBlurParameters) load("{preset: scatsimclr}").augment().get(4).parameters()).kernelSize());
        // SelfCon main_represent.py with CIFAR-100 statistics
        List<Double> mean = List.of(0.5071, 0.4867, 0.4408);
        List<Double> std = List.of(0.2675, 0.2565, 0.2761);
        assertEquals(List.of(new RandomResizedCropParameters(List.of(32), List.of(0.2, 1.0), RATIO),
                new HorizontalFlipParameters(0.5),
                new ColorJitterParameters(0, 0, 0, 0, 0.5, 0.8),
                new GrayscaleParameters(0, 0.2),
                new NormalizeParameters(mean, std)),
                parameters(load("{preset: selfcon, mean: [0.5071, 0.4867, 0.4408], std: [0.2675, 0.2565, 0.2761]}").augment()));
        // G-SimCLR CustomAugment: no crop, no blur; without normalisation when mean/std are empty
        assertEquals(List.of(new HorizontalFlipParameters(0.5), new ColorJitterParameters(0, 0, 0, 0, 0.2, 0.5)),
                parameters(load("{preset: gsimclr, mean: [], std: []}").augment()));
        String m = error("{preset: selfcon, mean: [0.5], std: [0.5, 0.5]}");
        assertTrue(m.contains("same number of values"), m);
    }

    @Test
    void resolvedRecipeListsTheExplicitStepsAndReloadsToItself() throws IOException {
        Recipe r = load("{preset: abcde}");
        JsonNode augment = r.resolved().get("augment");
        assertTrue(augment.isArray(), augment.toString());
        assertEquals("gaussian-blur", augment.get(4).get("type").asText());
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Recipe again = loadText(yaml.writeValueAsString(r.resolved()));
        assertEquals(r.resolved(), again.resolved());
    }

    @Test
    void presetMistakesAreOneLineErrors() {
        String m = error("{preset: abdc}");
        assertTrue(m.startsWith("unknown augmentation preset 'abdc' at "), m);
        assertTrue(m.contains("recipe.yaml:3:") && m.contains("abcde") && m.contains("color"), m);
        m = error("{preset: abc, sze: 32}");
        assertTrue(m.startsWith("unknown key 'augment.sze' for augmentation preset 'abc' at "), m);
        assertTrue(m.contains("valid keys: mean, size, std"), m);
        m = error("{preset: color}");
        assertTrue(m.startsWith("missing required key 'augment.strength' for augmentation preset 'color'"), m);
        m = error("{preset: abc, size: big}");
        assertTrue(m.startsWith("wrong value for 'augment.size'"), m);
        m = error("{preset: abc, strength: 0.5}");
        assertTrue(m.startsWith("unknown key 'augment.strength'"), m);
        m = error("{size: 32}");
        assertTrue(m.contains("must be a list of {type: ...} steps, a preset"), m);
    }

    @Test
    void registryRejectsTwoPresetsWithOneName() {
        AugmentPreset<?> a = new ColorStrengthPreset();
        AugmentPreset<?> b = new AugmentPreset<ColorStrengthParameters>() {
            public java.util.Set<String> names() { return java.util.Set.of("color"); }
            public String description() { return "another colour preset"; }
            public Class<ColorStrengthParameters> parametersType() { return ColorStrengthParameters.class; }
            public ColorStrengthParameters defaults() { return ColorStrengthParameters.defaults(); }
            public List<java.util.Map<String, Object>> expand(String name, ColorStrengthParameters p) { return List.of(); }
        };
        assertThrows(IllegalStateException.class, () -> PresetRegistry.of(List.of(a, b)));
        assertTrue(PresetRegistry.discover(getClass().getClassLoader()).find("abcde").isPresent());
    }
}
