package contrastlab.runtime.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny base recipe on the synthetic dataset and a sweep over it. */
final class SweepFixtures {

    private SweepFixtures() {}

    static final String BASE = """
            name: tiny
            seed: 7
            dataset: {type: synthetic, size: 96, testSize: 32, classes: 4, channels: 3, height: 8, width: 8, seed: 5}
            augment: {preset: abcde, size: 8}
            backbone: {type: resnet, depth: 18, stem: cifar, width: 2}
            method: {type: simclr, temperature: 0.5}
            optimizer: {type: sgd, lr: 0.05}
            schedule: {type: cosine, epochs: 1}
            batchSize: 32
            stepsPerEpoch: 1
            evaluate: [{type: knn, k: 5}]
            data: {workers: 1}
            devices: cpu
            """;

    static final String SWEEP = """
            sweep: tiny-ablation
            base: base.yaml
            seeds: [0, 1, 2]
            set: {optimizer.momentum: 0.8}
            grid:
              augment.preset: [abcde, ab, a]
              method:
                warm: {method: {type: simclr, temperature: 0.5}}
                cold: {method: {type: simclr, temperature: 0.1}, optimizer.lr: 0.03}
            report: {metric: knn.top1, rows: augment.preset, columns: method}
            """;

    /** Writes base.yaml and sweep.yaml (with {@code sweep} as its text) into {@code dir}. */
    static Path write(Path dir, String sweep) throws IOException {
        Files.writeString(dir.resolve("base.yaml"), BASE);
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, sweep);
        return file;
    }
}
