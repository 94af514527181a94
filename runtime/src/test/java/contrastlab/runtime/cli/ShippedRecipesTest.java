package contrastlab.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every shipped method recipe parses, wires and runs one batch forward and backward. Synthetic images
 * of the recipe's shape, a small batch and a narrow backbone keep it to seconds; the recipe's method
 * section (heads, queue, SplitBatchNorm groups) is used as written.
 */
class ShippedRecipesTest {

    private static final Path CONFIGS = Path.of("..", "configs");

    private static final List<String> CIFAR = List.of("simclr-cifar10.yaml", "barlow-twins-cifar10.yaml",
            "moco-cifar10.yaml", "simsiam-cifar10.yaml", "gsimclr-cifar10.yaml", "simclr-vanilla-cifar10.yaml");
    private static final List<String> CIFAR100 = List.of("selfcon-cifar100.yaml", "supcon-cifar100.yaml",
            "supervised-cifar100.yaml");
    private static final List<String> FASHION_MNIST = List.of("simclr.yaml", "barlow-twins.yaml", "moco.yaml",
            "simsiam.yaml", "selfcon.yaml", "supcon.yaml", "supervised.yaml", "simclr-linear.yaml", "gsimclr.yaml",
            "simclr-vanilla.yaml");
    /** Recipe and image size. */
    private static final List<String> SCATNET = List.of("scatsimclr-stl10.yaml:96", "scatsimclr-cifar20.yaml:32",
            "scatsimclr-stl10-rotation.yaml:96", "scatsimclr-stl10-jigsaw.yaml:96", "scatsimclr-cifar20-rotation.yaml:32",
            "scatsimclr-cifar20-jigsaw.yaml:32", "fmnist/scatsimclr.yaml:28", "fmnist/scatsimclr-rotation.yaml:28",
            "fmnist/scatsimclr-jigsaw.yaml:28", "fmnist/scatsimclr-long.yaml:28", "fmnist/scatnet-features.yaml:28");

    static List<String> cifar() {
        return CIFAR;
    }

    static List<String> cifar100() {
        return CIFAR100;
    }

    static List<String> fashionMnist() {
        return FASHION_MNIST;
    }

    static List<String> scatnet() {
        return SCATNET;
    }

    /** A new recipe in configs/ or configs/fmnist/ must be added to one of the lists above. */
    @Test
    void everyShippedRecipeIsValidatedHere() throws IOException {
        List<String> covered = new ArrayList<>(List.of("quickstart.yaml", "simclr-resnet18-stl10.yaml")); // tests below
        covered.addAll(CIFAR);
        covered.addAll(CIFAR100);
        FASHION_MNIST.forEach(f -> covered.add("fmnist/" + f));
        SCATNET.forEach(f -> covered.add(f.split(":")[0]));
        for (Path folder : List.of(CONFIGS, CONFIGS.resolve("fmnist"))) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    String name = CONFIGS.relativize(file).toString();
                    assertTrue(covered.contains(name), name + " is shipped but not validated by ShippedRecipesTest");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cifar")
    void cifarRecipesValidate(String file) {
        validate(CONFIGS.resolve(file), "dataset={type: synthetic, size: 32, testSize: 16, classes: 4, channels: 3, height: 32, width: 32}");
    }

    @ParameterizedTest
    @MethodSource("cifar100")
    void cifar100RecipesValidate(String file) {
        validate(CONFIGS.resolve(file), "dataset={type: synthetic, size: 32, testSize: 16, classes: 4, channels: 3, height: 32, width: 32}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"selfcon-cifar100-bench.yaml", "supcon-cifar100-bench.yaml"})
    void cifar100BenchesValidate(String file) {
        validate(Path.of("..", "benchmarks", file), "dataset.size=32");
    }

    @ParameterizedTest
    @MethodSource("fashionMnist")
    void fashionMnistRecipesValidate(String file) {
        validate(CONFIGS.resolve("fmnist").resolve(file),
                "dataset={type: synthetic, size: 32, testSize: 16, classes: 4, channels: 1, height: 28, width: 28}");
    }

    /**
     * The ScatSimCLR recipes with the recipe's scattering and adapter layout at CPU-test scale: L=2
     * and an eighth-width scatsimclr8 (the full networks are checked in the plugins' tests).
     */
    @ParameterizedTest
    @MethodSource("scatnet")
    void scatnetRecipesValidate(String fileAndSize) {
        String[] parts = fileAndSize.split(":");
        int channels = parts[0].startsWith("fmnist") ? 1 : 3;
        validate(CONFIGS.resolve(parts[0]), "dataset={type: synthetic, size: 32, testSize: 16, classes: 4, channels: "
                + channels + ", height: " + parts[1] + ", width: " + parts[1] + ", split: train}",
                "backbone.L=2", "backbone.widthFactor=0.125");
    }

    @Test
    void quickstartValidates() {
        validate(CONFIGS.resolve("quickstart.yaml"),
                "dataset={type: synthetic, size: 32, testSize: 16, classes: 4, channels: 1, height: 28, width: 28}");
    }

    @Test
    void resnetStl10BaselineValidates() {
        validate(CONFIGS.resolve("simclr-resnet18-stl10.yaml"),
                "dataset={type: synthetic, size: 32, testSize: 16, classes: 4, channels: 3, height: 96, width: 96, split: train}");
    }

    private static void validate(Path recipe, String dataset) {
        validate(recipe, dataset, "backbone.width=4");
    }

    private static void validate(Path recipe, String dataset, String... backbone) {
        assertTrue(Files.exists(recipe), recipe + " missing");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("validate", recipe.toString(), "--set", dataset, "--set", "batchSize=16"));
        for (String b : backbone) {
            args.add("--set");
            args.add(b);
        }
        int code = Main.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("ok: "), out.toString(StandardCharsets.UTF_8));
    }
}
