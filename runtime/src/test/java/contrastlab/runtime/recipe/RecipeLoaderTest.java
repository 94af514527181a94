package contrastlab.runtime.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import contrastlab.api.backbone.InputTransform;
import contrastlab.api.dataset.ImageShape;
import contrastlab.runtime.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recipe merging, overrides, and the one-line errors for each kind of mistake. */
class RecipeLoaderTest {

    static final String BASE = """
            name: tiny
            seed: 1
            dataset: {type: synthetic, size: 64}
            augment:
              - {type: horizontal-flip}
              - {type: random-resized-crop, size: 16}
            backbone: {type: resnet, depth: 18, stem: cifar, width: 4}
            method:   {type: simclr, temperature: 0.5}
            optimizer: {type: sgd, lr: 0.1}
            schedule: {type: cosine, epochs: 2}
            batchSize: 16
            evaluate: [{type: knn, k: 5, everyEpochs: 2}]
            """;

    static PluginRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void discover() {
        registry = PluginRegistry.discover(List.of());
    }

    private Recipe load(String text, String... sets) throws IOException {
        Path file = dir.resolve("recipe.yaml");
        Files.writeString(file, text);
        return new RecipeLoader(registry).load(file, List.of(sets));
    }

    private String error(String text, String... sets) {
        RecipeException e = assertThrows(RecipeException.class, () -> load(text, sets));
        assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void bindsEverySectionWithDefaults() throws IOException {
        Recipe r = load(BASE);
        assertEquals("tiny", r.name());
        assertEquals(2, r.views());
        assertEquals("simclr", r.method().name());
        assertEquals(2, r.augment().size());
        assertEquals("random", r.sampler().name());
        assertEquals(2, r.evaluate().get(0).everyEpochs());
        assertEquals(0.9, r.optimizer().momentum());
        assertEquals("knn.top1", r.primaryMetric());
        // the resolved recipe carries the defaults the recipe left out
        assertTrue(r.resolved().get("method").has("projector"), r.resolved().toString());
        assertEquals("train", r.resolved().get("dataset").get("split").asText());
    }

    /** Map-valued parameters (Fashion-MNIST's checksums, a Map.of) resolve with their keys sorted, in every JVM. */
    @Test
    void mapParametersResolveInSortedKeyOrder() throws IOException {
        Recipe r = load(BASE.replaceFirst("dataset: \\{[^}]*}", "dataset: {type: fashion-mnist, root: " + dir + "}"));
        List<String> keys = fieldNames(r.resolved().at("/dataset/checksums"));
        assertEquals(4, keys.size(), r.resolved().at("/dataset").toString());
        assertEquals(keys.stream().sorted().toList(), keys);
        // and the recipe as the user wrote it, without the defaults
        assertEquals(List.of("type", "root"), fieldNames(r.given().get("dataset")));
    }

    private static List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void unknownPluginNamesTheFileLineColumnAndChoices() {
        String m = error(BASE.replace("type: simclr,", "type: simclr2,"));
        assertTrue(m.startsWith("unknown method 'simclr2' at "), m);
        assertTrue(m.contains("recipe.yaml:8:"), m);
        assertTrue(m.contains("known: ") && m.contains("simclr"), m);
    }

    @Test
    void unknownTopLevelKey() {
        String m = error(BASE + "batchsize: 3\n");
        assertTrue(m.contains("unknown key 'batchsize'") && m.contains("recipe.yaml:13:1") && m.contains("batchSize"), m);
    }

    @Test
    void unknownPluginParameterListsTheValidOnes() {
        String m = error(BASE.replace("temperature: 0.5", "temprature: 0.5"));
        assertTrue(m.contains("unknown key 'method.temprature'") && m.contains("recipe.yaml:8:")
                && m.contains("temperature"), m);
    }

    @Test
    void wrongTypeNamesKeyAndExpectedType() {
        String m = error(BASE.replace("temperature: 0.5", "temperature: warm"));
        assertTrue(m.contains("'method.temperature'") && m.contains("recipe.yaml:8:") && m.contains("a number"), m);
        String n = error(BASE.replace("batchSize: 16", "batchSize: many"));
        assertTrue(n.contains("'batchSize'") && n.contains("integer"), n);
    }

    @Test
    void missingRequiredSectionAndMissingRequiredParameter() {
        String m = error(BASE.replace("method:   {type: simclr, temperature: 0.5}\n", ""));
        assertTrue(m.contains("missing required key 'method'") && m.contains("simclr"), m);
        String n = error(BASE.replace("{type: random-resized-crop, size: 16}", "{type: random-resized-crop}"));
        assertTrue(n.contains("missing required key 'augment.1.size'"), n);
        String o = error(BASE.replace("batchSize: 16\n", ""));
        assertTrue(o.contains("batchSize"), o);
    }

    @Test
    void invalidYamlIsReportedWithPosition() {
        String m = error(BASE.replace("batchSize: 16", "batchSize: [16"));
        assertTrue(m.startsWith("invalid YAML at ") && m.contains("recipe.yaml:"), m);
    }

    @Test
    void extendsMergesMapsAndReplacesLists() throws IOException {
        Files.writeString(dir.resolve("base.yaml"), BASE);
        Path child = dir.resolve("child.yaml");
        Files.writeString(child, """
                extends: base.yaml
                name: child
                method: {temperature: 0.2}
                augment: [{type: horizontal-flip, p: 1.0}]
                """);
        Recipe r = new RecipeLoader(registry).load(child, List.of());
        assertEquals("child", r.name());
        assertEquals(0.2, r.resolved().get("method").get("temperature").asDouble());
        assertEquals("simclr", r.method().name());
        assertEquals(1, r.augment().size());
        assertEquals(16, r.batchSize());
    }

    @Test
    void extendsErrorsPointAtTheFileThatWroteTheValue() throws IOException {
        Files.writeString(dir.resolve("base.yaml"), BASE.replace("k: 5", "k: five"));
        Path child = dir.resolve("child.yaml");
        Files.writeString(child, "extends: base.yaml\nname: child\n");
        RecipeException e = assertThrows(RecipeException.class, () -> new RecipeLoader(registry).load(child, List.of()));
        assertTrue(e.getMessage().contains("base.yaml:12:"), e.getMessage());
        Files.writeString(child, "extends: missing.yaml\n");
        e = assertThrows(RecipeException.class, () -> new RecipeLoader(registry).load(child, List.of()));
        assertTrue(e.getMessage().contains("missing.yaml") && e.getMessage().contains("child.yaml:1:"), e.getMessage());
    }

    @Test
    void setOverridesAreTypedAndReachListItems() throws IOException {
        Recipe r = load(BASE, "method.temperature=0.1", "batchSize=8", "evaluate.0.k=3", "devices=cpu");
        assertEquals(0.1, r.resolved().get("method").get("temperature").asDouble());
        assertEquals(8, r.batchSize());
        assertEquals(3, r.resolved().get("evaluate").get(0).get("k").asInt());
        assertEquals("cpu", r.devices());
        String m = error(BASE, "method.temperature=hot");
        assertTrue(m.contains("--set method.temperature=hot"), m);
        String n = error(BASE, "batchSize");
        assertTrue(n.contains("expected key=value"), n);
    }

    @Test
    void runtimeSectionsValidateTheirValues() {
        String m = error(BASE.replace("type: sgd", "type: sdg"));
        assertTrue(m.contains("unknown optimizer 'sdg'") && m.contains("sgd"), m);
        String n = error(BASE + "devices: tpu\n");
        assertTrue(n.contains("devices: tpu") && n.contains("gpu:0,1"), n);
        String t = error(BASE + "data: {inputTransform: gpu}\n");
        assertTrue(t.contains("data") && t.contains("inputTransform") && t.contains("auto, workers or step"), t);
    }

    /**
     * auto puts a backbone's input transform on the data workers only when a GPU runs the step and
     * the backbone does not compute the transform on that GPU itself; workers and step are as said.
     */
    @Test
    void inputTransformPlacement() throws IOException {
        Device gpu = Device.gpu();
        Device cpu = Device.cpu();
        InputTransform javaOnly = transform(device -> false);
        InputTransform onGpu = transform(Device::isGpu);
        DataSettings auto = load(BASE).data();
        assertEquals(DataSettings.AUTO, auto.inputTransform());
        assertTrue(auto.inputTransformOnWorkers(gpu, javaOnly));
        assertFalse(auto.inputTransformOnWorkers(cpu, javaOnly));
        assertFalse(auto.inputTransformOnWorkers(gpu, onGpu));
        assertFalse(auto.inputTransformOnWorkers(cpu, onGpu));
        DataSettings workers = load(BASE + "data: {inputTransform: workers}\n").data();
        for (InputTransform t : List.of(javaOnly, onGpu)) {
            assertTrue(workers.inputTransformOnWorkers(cpu, t) && workers.inputTransformOnWorkers(gpu, t));
        }
        DataSettings step = load(BASE, "data.inputTransform=step").data();
        for (InputTransform t : List.of(javaOnly, onGpu)) {
            assertFalse(step.inputTransformOnWorkers(cpu, t) || step.inputTransformOnWorkers(gpu, t));
        }
    }

    /** An identity transform of 1x2x2 images that says it is computed on the devices {@code onDevice} accepts. */
    private static InputTransform transform(Predicate<Device> onDevice) {
        return new InputTransform() {
            @Override
            public ImageShape inputShape() {
                return new ImageShape(1, 2, 2);
            }

            @Override
            public ImageShape outputShape() {
                return inputShape();
            }

            @Override
            public float[] apply(float[] images, int count) {
                return images.clone();
            }

            @Override
            public boolean computedOnDevice(Device device) {
                return onDevice.test(device);
            }
        };
    }
}
