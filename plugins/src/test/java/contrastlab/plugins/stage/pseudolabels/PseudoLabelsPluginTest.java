package contrastlab.plugins.stage.pseudolabels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ai.djl.ndarray.NDManager;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.stage.Artifacts;
import contrastlab.api.stage.FeatureMatrix;
import contrastlab.api.stage.StageContext;
import contrastlab.api.stage.StageException;
import contrastlab.api.stage.StageOutputs;
import contrastlab.api.stage.StagePlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudoLabelsPluginTest {

    private final PseudoLabelsPlugin plugin = new PseudoLabelsPlugin();

    @TempDir
    Path temp;

    /** A stage context over temporary folders: earlier stages by name, a training split of {@code images} images. */
    private final class Context implements StageContext {
        final Map<String, Path> earlier;
        final int images;
        final int batchSize;
        final List<String> lines = new ArrayList<>();

        Context(Map<String, Path> earlier, int images, int batchSize) {
            this.earlier = earlier;
            this.images = images;
            this.batchSize = batchSize;
        }

        @Override
        public ImageDataset train() {
            ImageDataset dataset = mock(ImageDataset.class);
            when(dataset.size()).thenReturn(images);
            return dataset;
        }

        @Override
        public ImageDataset split(String name) {
            throw new UnsupportedOperationException("not used by the stage");
        }

        @Override
        public NDManager manager() {
            throw new UnsupportedOperationException("not used by the stage");
        }

        @Override
        public long seed() {
            return 7;
        }

        @Override
        public int batchSize() {
            return batchSize;
        }

        @Override
        public int workers() {
            return 2;
        }

        @Override
        public Path directory() {
            return temp.resolve("pseudo-labels");
        }

        @Override
        public StageOutputs outputs() {
            return name -> {
                Path dir = earlier.get(name);
                return dir != null ? dir : StageOutputs.NONE.directory(name);
            };
        }

        @Override
        public void log(String line) {
            lines.add(line);
        }
    }

    private Path autoencoderWith(FeatureMatrix features) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("autoencoder"));
        Artifacts.writeFeatures(dir.resolve(Artifacts.FEATURES), features);
        return dir;
    }

    @Test
    void isDiscoveredWithItsDefaults() {
        assertTrue(ServiceLoader.load(StagePlugin.class).stream().anyMatch(p -> p.type() == PseudoLabelsPlugin.class));
        assertEquals("pseudo-labels", plugin.name());
        assertEquals(new PseudoLabelsParameters("autoencoder", 0, 10, 300, 1e-4), plugin.defaults());
    }

    @Test
    void clustersTheEarlierStagesFeaturesIntoBatchSizeClusters() throws IOException {
        int[] truth = new int[5 * 40];
        FeatureMatrix blobs = KMeansTest.blobs(5, 40, 6, 3.0, 2, truth);
        Context context = new Context(Map.of("autoencoder", autoencoderWith(blobs)), 200, 5);
        Map<String, Double> metrics = plugin.create(plugin.defaults(), context).run();

        int[] labels = Artifacts.readLabels(context.directory().resolve(Artifacts.LABELS));
        assertEquals(200, labels.length);
        assertTrue(KMeansTest.samePartition(truth, labels));
        assertEquals(40.0, metrics.get("cluster_min"));
        assertEquals(40.0, metrics.get("cluster_max"));
        assertTrue(metrics.get("inertia") > 0 && metrics.get("iterations") >= 1, metrics.toString());
        assertEquals(List.of("inertia", "iterations", "cluster_min", "cluster_max"), new ArrayList<>(metrics.keySet()));
        assertTrue(context.lines.get(0).contains("K = 5"), context.lines.toString());
    }

    @Test
    void anExplicitClusterCountOverridesTheBatchSize() throws IOException {
        int[] truth = new int[4 * 30];
        FeatureMatrix blobs = KMeansTest.blobs(4, 30, 3, 3.0, 4, truth);
        Context context = new Context(Map.of("features", autoencoderWith(blobs)), 120, 64);
        plugin.create(new PseudoLabelsParameters("features", 4, 2, 300, 1e-4), context).run();
        int[] labels = Artifacts.readLabels(context.directory().resolve(Artifacts.LABELS));
        assertTrue(KMeansTest.samePartition(truth, labels));
    }

    @Test
    void aFeatureCountOtherThanTheSplitSizeIsOneClearError() throws IOException {
        FeatureMatrix features = new FeatureMatrix(10, 2, new float[20]);
        Context context = new Context(Map.of("autoencoder", autoencoderWith(features)), 12, 2);
        StageException e = assertThrows(StageException.class, () -> plugin.create(plugin.defaults(), context).run());
        assertTrue(e.getMessage().contains("10 feature rows") && e.getMessage().contains("12 images")
                && e.getMessage().contains("run stage 'autoencoder' again"), e.getMessage());
    }

    @Test
    void aMissingStageOrFeatureFileIsOneClearError() throws IOException {
        Context none = new Context(Map.of(), 12, 2);
        StageException missingStage = assertThrows(StageException.class, () -> plugin.create(plugin.defaults(), none).run());
        assertTrue(missingStage.getMessage().contains("'autoencoder'"), missingStage.getMessage());

        Context empty = new Context(Map.of("autoencoder", Files.createDirectories(temp.resolve("empty"))), 12, 2);
        StageException missingFile = assertThrows(StageException.class, () -> plugin.create(plugin.defaults(), empty).run());
        assertTrue(missingFile.getMessage().contains("features.bin") && missingFile.getMessage().contains("'from'"),
                missingFile.getMessage());
    }

    @Test
    void moreClustersThanImagesIsOneClearError() throws IOException {
        FeatureMatrix features = new FeatureMatrix(3, 1, new float[] {0, 1, 2});
        Context context = new Context(Map.of("autoencoder", autoencoderWith(features)), 3, 64);
        StageException e = assertThrows(StageException.class, () -> plugin.create(plugin.defaults(), context).run());
        assertTrue(e.getMessage().contains("clusters 64 exceeds the 3 training images"), e.getMessage());
    }

    @Test
    void parametersAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new PseudoLabelsParameters("autoencoder", 1, 10, 300, 1e-4));
        assertThrows(IllegalArgumentException.class, () -> new PseudoLabelsParameters("autoencoder", 0, 0, 300, 1e-4));
        assertThrows(IllegalArgumentException.class, () -> new PseudoLabelsParameters("autoencoder", 0, 1, 0, 1e-4));
        assertThrows(IllegalArgumentException.class, () -> new PseudoLabelsParameters("autoencoder", 0, 1, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new PseudoLabelsParameters(" ", 0, 1, 1, 0));
    }
}
