package contrastlab.plugins.dataset.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticDatasetPluginTest {

    private final SyntheticDatasetPlugin plugin = new SyntheticDatasetPlugin();

    private static byte[] all(ImageDataset set) {
        int n = set.shape().size();
        byte[] bytes = new byte[set.size() * n];
        byte[] image = new byte[n];
        for (int i = 0; i < set.size(); i++) {
            set.readImage(i, image);
            System.arraycopy(image, 0, bytes, i * n, n);
        }
        return bytes;
    }

    @Test
    void theSameSeedGivesTheSameBytes() {
        SyntheticParameters p = plugin.defaults();
        ImageDataset a = plugin.open(p, "train");
        ImageDataset b = plugin.open(p, "train");
        assertEquals(512, a.size());
        assertEquals(new ImageShape(3, 32, 32), a.shape());
        assertEquals(4, a.numClasses());
        assertArrayEquals(all(a), all(b));

        SyntheticParameters other = new SyntheticParameters(p.size(), p.testSize(), p.classes(), p.channels(),
                p.height(), p.width(), 1L);
        assertFalse(Arrays.equals(all(a), all(plugin.open(other, "train"))), "another seed, other images");

        ImageDataset test = plugin.open(p, "test");
        assertEquals(128, test.size());
        byte[] first = new byte[3072];
        byte[] firstTest = new byte[3072];
        a.readImage(0, first);
        test.readImage(0, firstTest);
        assertFalse(Arrays.equals(first, firstTest), "train and test hold different images");
    }

    @Test
    void labelsAreBalancedAndImagesVaryWithinAClass() {
        ImageDataset set = plugin.open(plugin.defaults(), "train");
        int[] counts = new int[4];
        for (int i = 0; i < set.size(); i++) {
            counts[set.label(i)]++;
        }
        assertArrayEquals(new int[] {128, 128, 128, 128}, counts);
        byte[] a = new byte[3072];
        byte[] b = new byte[3072];
        set.readImage(0, a);
        set.readImage(4, b);
        assertEquals(set.label(0), set.label(4));
        assertFalse(Arrays.equals(a, b));
    }

    /** Nearest class mean on raw pixels, fitted on train and scored on test. */
    private static double nearestMeanAccuracy(ImageDataset train, ImageDataset test) {
        int n = train.shape().size();
        int k = train.numClasses();
        double[][] means = new double[k][n];
        int[] counts = new int[k];
        byte[] image = new byte[n];
        for (int i = 0; i < train.size(); i++) {
            train.readImage(i, image);
            int label = train.label(i);
            counts[label]++;
            for (int j = 0; j < n; j++) {
                means[label][j] += image[j] & 0xFF;
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < n; j++) {
                means[c][j] /= counts[c];
            }
        }
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            test.readImage(i, image);
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                double d = 0;
                for (int j = 0; j < n; j++) {
                    double diff = (image[j] & 0xFF) - means[c][j];
                    d += diff * diff;
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
            correct += best == test.label(i) ? 1 : 0;
        }
        return (double) correct / test.size();
    }

    @Test
    void classesAreSeparableWellAboveChance() {
        SyntheticParameters p = plugin.defaults();
        double accuracy = nearestMeanAccuracy(plugin.open(p, "train"), plugin.open(p, "test"));
        assertTrue(accuracy > 0.9, "nearest class mean accuracy " + accuracy + " (chance 0.25)");

        // grey with ten classes: the brightness and blob cues remain (stripes need phase-invariant features)
        SyntheticParameters grey = new SyntheticParameters(500, 200, 10, 1, 28, 28, 3L);
        double greyAccuracy = nearestMeanAccuracy(plugin.open(grey, "train"), plugin.open(grey, "test"));
        assertTrue(greyAccuracy > 0.4, "grey, 10 classes: accuracy " + greyAccuracy + " (chance 0.1)");
    }

    @Test
    void theShapeFollowsTheParametersAndBadOnesAreRefused() {
        SyntheticParameters p = new SyntheticParameters(6, 2, 3, 2, 8, 12, 5L);
        ImageDataset set = plugin.open(p, "train");
        assertEquals(new ImageShape(2, 8, 12), set.shape());
        assertEquals(6, set.size());
        assertEquals(2, set.label(5));
        assertThrows(IllegalArgumentException.class, () -> plugin.open(p, "unlabeled"));
        assertThrows(IllegalArgumentException.class,
                () -> plugin.open(new SyntheticParameters(6, 2, 0, 2, 8, 12, 5L), "train"));
        assertThrows(IllegalArgumentException.class,
                () -> plugin.open(new SyntheticParameters(6, 2, 3, 2, 2, 12, 5L), "train"));
        assertThrows(IllegalArgumentException.class,
                () -> plugin.open(new SyntheticParameters(-1, 2, 3, 2, 8, 12, 5L), "train"));
    }

    @Test
    void labelsFalseGivesTheSameImagesWithoutLabels() {
        SyntheticParameters labelled = new SyntheticParameters(6, 2, 3, 2, 8, 12, 5L);
        SyntheticParameters unlabelled = new SyntheticParameters(6, 2, 3, 2, 8, 12, 5L, false);
        assertTrue(plugin.defaults().labels());
        for (String split : List.of("train", "test")) {
            ImageDataset set = plugin.open(unlabelled, split);
            assertFalse(set.hasLabels(), split);
            assertEquals(0, set.numClasses(), split);
            assertArrayEquals(all(plugin.open(labelled, split)), all(set), split);
        }
    }
}
