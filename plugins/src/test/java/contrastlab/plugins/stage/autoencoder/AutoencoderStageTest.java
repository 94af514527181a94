package contrastlab.plugins.stage.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.stage.Artifacts;
import contrastlab.api.stage.FeatureMatrix;
import contrastlab.api.stage.StageContext;
import contrastlab.api.stage.StageOutputs;
import contrastlab.plugins.dataset.synthetic.SyntheticDatasetPlugin;
import contrastlab.plugins.dataset.synthetic.SyntheticParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The autoencoder's size, its early stopping with restored weights, and resuming from its checkpoint. */
class AutoencoderStageTest {

    @TempDir
    Path dir;

    @Test
    void theNetworkHasTheReferenceParameterCount() {
        assertEquals(335_747, parameterCount(3, 32));
        // one channel: the first and last convolutions shrink (3x3x1x32 + 32 and 3x3x32x1 + 1)
        assertEquals(335_747 - (864 + 32 - 288 - 32) - (867 - 289), parameterCount(1, 32));
    }

    private static long parameterCount(int channels, int side) {
        try (NDManager manager = NDManager.newBaseManager()) {
            DenoisingAutoencoder net = new DenoisingAutoencoder(channels);
            net.block().initialize(manager, DataType.FLOAT32, new Shape(1, channels, side, side));
            return net.block().getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        }
    }

    /**
     * 12x12 one-channel images (padded to 16, as Fashion-MNIST's 28 to 32): with lr 0.05 the validation loss is noisy, so early stopping
     * ends before the epoch budget; the restored weights must reproduce the best epoch's validation MSE and
     * the features come from them.
     */
    @Test
    void earlyStoppingRestoresTheBestEpochAndWritesTheFeaturesOfEveryTrainImage() throws IOException {
        ImageDataset train = synthetic(64, 1, 12);
        Path stageDir = Files.createDirectories(dir.resolve("ae"));
        Map<String, Double> metrics = run(new AutoencoderParameters(0.01, 6, 1, 0.25, 16, 0.05), train, stageDir);
        List<String> history = Files.readAllLines(stageDir.resolve(AutoencoderStage.HISTORY));
        double bestVal = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        for (String line : history.subList(1, history.size())) {
            String[] f = line.split(",");
            double val = Double.parseDouble(f[2]);
            if (val < bestVal) {
                bestVal = val;
                bestEpoch = Integer.parseInt(f[0]);
            }
        }
        int epochs = history.size() - 1;
        assertEquals(epochs, metrics.get("epochs"));
        assertEquals(bestEpoch, metrics.get("best_epoch"));
        assertEquals(bestVal, metrics.get("val_mse"), 1e-6 * bestVal, "restored weights give the best epoch's loss");
        // patience 1 stops one epoch after the best, unless the budget ran out first
        assertTrue(epochs == 6 || epochs == bestEpoch + 1, "stopped after " + epochs + ", best " + bestEpoch);
        FeatureMatrix features = Artifacts.readFeatures(stageDir.resolve(Artifacts.FEATURES));
        assertEquals(64, features.count());
        assertEquals(128, features.dim());
    }

    @Test
    void anInterruptedStageResumesFromItsCheckpointToTheSameResult() throws IOException {
        ImageDataset train = synthetic(48, 3, 8);
        Path whole = Files.createDirectories(dir.resolve("whole"));
        Path interrupted = Files.createDirectories(dir.resolve("interrupted"));
        AutoencoderParameters two = new AutoencoderParameters(0.01, 2, 5, 0.25, 16, 1e-3);
        Map<String, Double> expected = run(two, train, whole);
        // the first run is cut after one epoch (its budget), the second continues from checkpoint.bin
        run(new AutoencoderParameters(0.01, 1, 5, 0.25, 16, 1e-3), train, interrupted);
        assertEquals(1, Files.readAllLines(interrupted.resolve(AutoencoderStage.HISTORY)).size() - 1);
        Map<String, Double> resumed = run(two, train, interrupted);
        assertEquals(expected, resumed);
        assertEquals(Files.readAllLines(whole.resolve(AutoencoderStage.HISTORY)),
                Files.readAllLines(interrupted.resolve(AutoencoderStage.HISTORY)));
        assertArrayEquals(Artifacts.readFeatures(whole.resolve(Artifacts.FEATURES)).values(),
                Artifacts.readFeatures(interrupted.resolve(Artifacts.FEATURES)).values());
    }

    private static ImageDataset synthetic(int size, int channels, int side) {
        return new SyntheticDatasetPlugin().open(new SyntheticParameters(size, 16, 4, channels, side, side, 5), "train");
    }

    private static Map<String, Double> run(AutoencoderParameters parameters, ImageDataset train, Path directory)
            throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            StageContext context = new StageContext() {
                @Override
                public ImageDataset train() {
                    return train;
                }

                @Override
                public ImageDataset split(String name) {
                    throw new UnsupportedOperationException(name);
                }

                @Override
                public NDManager manager() {
                    return manager;
                }

                @Override
                public long seed() {
                    return 11;
                }

                @Override
                public int batchSize() {
                    return 64;
                }

                @Override
                public int workers() {
                    return 1;
                }

                @Override
                public Path directory() {
                    return directory;
                }

                @Override
                public StageOutputs outputs() {
                    return StageOutputs.NONE;
                }

                @Override
                public void log(String line) {}
            };
            return new AutoencoderPlugin().create(parameters, context).run();
        }
    }
}
