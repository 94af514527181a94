package contrastlab.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small recipes on the synthetic dataset that train in seconds. */
public final class TestRecipes {

    private TestRecipes() {}

    public static final String TINY = """
            name: tiny
            seed: 7
            dataset: {type: synthetic, size: 192, testSize: 96, classes: 4, channels: 3, height: 16, width: 16, seed: 5}
            augment:
              - {type: random-resized-crop, size: 16, scale: [0.6, 1.0]}
              - {type: horizontal-flip}
            backbone: {type: resnet, depth: 18, stem: cifar, width: 4}
            method: {type: simclr, temperature: 0.5}
            optimizer: {type: sgd, lr: 0.05, momentum: 0.9, weightDecay: 5.0e-4}
            schedule: {type: cosine, epochs: 2}
            batchSize: 32
            evaluate: [{type: knn, k: 10, temperature: 0.1}]
            data: {workers: 2}
            devices: cpu
            """;

    public static Path write(Path dir, String text) throws IOException {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, text);
        return file;
    }
}
