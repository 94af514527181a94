package contrastlab.plugins.sampler.pseudolabels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.sampler.Sampler;
import contrastlab.api.sampler.SamplerContext;
import contrastlab.api.sampler.SamplerPlugin;
import contrastlab.api.stage.Artifacts;
import contrastlab.api.stage.StageException;
import contrastlab.api.stage.StageOutputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudoLabelSamplerTest {

    private final PseudoLabelSamplerPlugin plugin = new PseudoLabelSamplerPlugin();

    @TempDir
    Path temp;

    private Sampler sampler(int[] labels, int datasetSize, int batchSize, long seed, String mode, boolean dropLast)
            throws IOException {
        Path stage = Files.createDirectories(temp.resolve("pseudo-labels"));
        Artifacts.writeLabels(stage.resolve(Artifacts.LABELS), labels);
        ImageDataset dataset = mock(ImageDataset.class);
        when(dataset.size()).thenReturn(datasetSize);
        StageOutputs outputs = name -> "pseudo-labels".equals(name) ? stage : StageOutputs.NONE.directory(name);
        return plugin.create(new PseudoLabelSamplerParameters("pseudo-labels", mode, dropLast),
                new SamplerContext(dataset, batchSize, seed, outputs));
    }

    private Sampler stratified(int[] labels, int batchSize, long seed, boolean dropLast) throws IOException {
        return sampler(labels, labels.length, batchSize, seed, "stratified", dropLast);
    }

    private static boolean repeats(int[] labels, int[] batch) {
        return Arrays.stream(batch).map(i -> labels[i]).distinct().count() < batch.length;
    }

    /** The most batches of {@code b} distinct labels the counts allow: the largest r with sum_c min(n_c, r) >= r b. */
    private static int mostDistinctBatches(int[] labels, int b) {
        int[] counts = new int[Arrays.stream(labels).max().orElse(0) + 1];
        for (int l : labels) {
            counts[l]++;
        }
        int best = 0;
        for (int r = 1; r <= labels.length / b; r++) {
            long capacity = 0;
            for (int c : counts) {
                capacity += Math.min(c, r);
            }
            if (capacity >= (long) r * b) {
                best = r;
            }
        }
        return best;
    }

    @Test
    void isDiscoveredWithItsDefaults() {
        assertTrue(ServiceLoader.load(SamplerPlugin.class).stream().anyMatch(p -> p.type() == PseudoLabelSamplerPlugin.class));
        assertEquals("pseudo-label-stratified", plugin.name());
        assertEquals(new PseudoLabelSamplerParameters("pseudo-labels", "stratified", true), plugin.defaults());
    }

    @Test
    void balancedClustersGiveOnlyBatchesWithoutRepeatsAndEveryImageOnce() throws IOException {
        // 10 clusters of 30, batch 8: 37 full batches, all repeat-free, plus 4 images left over
        int[] labels = IntStream.range(0, 300).map(i -> (i * 7) % 10).toArray();
        Sampler kept = stratified(labels, 8, 1, false);
        for (int epoch = 0; epoch < 3; epoch++) {
            List<int[]> batches = kept.batches(epoch);
            assertEquals(38, batches.size());
            assertEquals(4, batches.get(37).length);
            for (int[] batch : batches.subList(0, 37)) {
                assertEquals(8, batch.length);
                assertFalse(repeats(labels, batch), Arrays.toString(batch));
            }
            assertArrayEquals(IntStream.range(0, 300).toArray(),
                    batches.stream().flatMapToInt(Arrays::stream).sorted().toArray(), "every image exactly once");
            assertEquals(0.0, kept.epochMetrics(epoch).get("repeated_label_batches"));
        }
        List<int[]> dropped = stratified(labels, 8, 1, true).batches(0);
        assertEquals(37, dropped.size());
        assertEquals(296, dropped.stream().flatMapToInt(Arrays::stream).distinct().count());
    }

    @Test
    void unbalancedClustersKeepBatchesDistinctAsLongAsTheCountsAllow() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            int clusters = 8 + random.nextInt(20);
            int batch = 4 + random.nextInt(8);
            int n = 200 + random.nextInt(300);
            // skewed sizes: label = floor(clusters * u^2)
            int[] labels = IntStream.range(0, n).map(i -> (int) (clusters * Math.pow(random.nextDouble(), 2))).toArray();
            Sampler sampler = stratified(labels, batch, trial, true);
            List<int[]> batches = sampler.batches(trial);
            assertEquals(n / batch, batches.size());
            long distinct = batches.stream().filter(b -> !repeats(labels, b)).count();
            int most = mostDistinctBatches(labels, batch);
            assertEquals(most, distinct, "trial " + trial + ": repeat-free batches");
            assertEquals((double) (batches.size() - most) / batches.size(),
                    sampler.epochMetrics(trial).get("repeated_label_batches"), 1e-12);
            assertEquals((long) batches.size() * batch, batches.stream().flatMapToInt(Arrays::stream).distinct().count());
        }
    }

    @Test
    void theOrderDependsOnSeedAndEpochAlone() throws IOException {
        int[] labels = IntStream.range(0, 500).map(i -> i % 25).toArray();
        Sampler a = stratified(labels, 10, 3, true);
        Sampler b = stratified(labels, 10, 3, true);
        List<int[]> late = b.batches(4);
        a.batches(0);
        assertTrue(same(a.batches(4), late), "a resumed run sees the same batches");
        assertFalse(same(a.batches(0), a.batches(1)), "epochs must be reshuffled");
        assertFalse(same(a.batches(0), stratified(labels, 10, 4, true).batches(0)), "seeds must differ");
    }

    private static boolean same(List<int[]> x, List<int[]> y) {
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!Arrays.equals(x.get(i), y.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * At most 16 rows, NumPy's quicksort is a plain insertion sort, which is stable: rank groups in
     * order, clusters ascending within each. Labels [2,0,1,0,2,1,0]: cluster 0 = {1,3,6}, 1 = {2,5},
     * 2 = {0,4}; rank 1 = 1,2,0; rank 2 = 3,5,4; rank 3 = 6.
     */
    @Test
    void referenceOrderOnASmallExample() throws IOException {
        int[] labels = {2, 0, 1, 0, 2, 1, 0};
        Sampler dropping = sampler(labels, 7, 3, 0, "reference", true);
        List<int[]> batches = dropping.batches(0);
        assertEquals(2, batches.size());
        assertArrayEquals(new int[] {1, 2, 0}, batches.get(0));
        assertArrayEquals(new int[] {3, 5, 4}, batches.get(1));
        List<int[]> all = sampler(labels, 7, 3, 0, "reference", false).batches(5);
        assertArrayEquals(new int[] {6}, all.get(2));
        assertTrue(same(batches, dropping.batches(9)), "the same order every epoch");
    }

    /**
     * 18 images, label i mod 3: rows sorted by (cluster, rank) have ranks 1..6 three times; NumPy's
     * aquicksort partitions once around rank 3 (median of rows 0, 8, 17), then insertion-sorts both
     * sides. Traced by hand through {@code aquicksort_double}: the rows come out as
     * 0,12,6, 1,13,7, 14,8,2, 9,3,15, 16,10,4, 11,5,17 (row r = cluster r/6, rank r%6+1 = image
     * 3(r%6)+r/6), i.e. ties are NOT in cluster order as a stable sort would leave them.
     */
    @Test
    void referenceOrderFollowsNumpysUnstableQuicksort() throws IOException {
        int[] labels = IntStream.range(0, 18).map(i -> i % 3).toArray();
        List<int[]> batches = sampler(labels, 18, 3, 0, "reference", true).batches(0);
        int[] order = batches.stream().flatMapToInt(Arrays::stream).toArray();
        assertArrayEquals(new int[] {0, 2, 1, 3, 5, 4, 8, 7, 6, 10, 9, 11, 14, 13, 12, 16, 15, 17}, order);
        Sampler four = sampler(labels, 18, 4, 0, "reference", true);
        // batches of 4 straddle the rank groups of 3: every one repeats a label
        assertEquals(1.0, four.epochMetrics(0).get("repeated_label_batches"));
    }

    @Test
    void numpyQuicksortSortsAndItsHeapsortFallbackToo() {
        SplittableRandom random = new SplittableRandom(1);
        for (int n : new int[] {0, 1, 2, 15, 16, 17, 100, 1000, 5000}) {
            double[] keys = new double[n];
            for (int i = 0; i < n; i++) {
                keys[i] = random.nextInt(Math.max(1, n / 10));
            }
            int[] p = NumpyQuicksort.argsort(keys);
            assertArrayEquals(IntStream.range(0, n).toArray(), Arrays.stream(p).sorted().toArray());
            for (int i = 1; i < n; i++) {
                assertTrue(keys[p[i - 1]] <= keys[p[i]]);
            }
            int[] h = IntStream.range(0, n).toArray();
            NumpyQuicksort.heapsort(keys, h, 0, n);
            for (int i = 1; i < n; i++) {
                assertTrue(keys[h[i - 1]] <= keys[h[i]]);
            }
        }
    }

    @Test
    void aLabelCountOtherThanTheSplitSizeIsOneClearError() {
        StageException e = assertThrows(StageException.class, () -> sampler(new int[] {0, 1, 0, 1, 2}, 6, 2, 0, "stratified", true));
        assertTrue(e.getMessage().contains("has 5 labels but the training split has 6 images")
                && e.getMessage().contains("run stage 'pseudo-labels' again"), e.getMessage());
    }

    @Test
    void aMissingStageIsOneClearError() {
        ImageDataset dataset = mock(ImageDataset.class);
        when(dataset.size()).thenReturn(10);
        StageException e = assertThrows(StageException.class, () -> plugin.create(plugin.defaults(),
                new SamplerContext(dataset, 2, 0)));
        assertTrue(e.getMessage().contains("'pseudo-labels'"), e.getMessage());
    }

    @Test
    void parametersAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PseudoLabelSamplerParameters("pseudo-labels", "random", true));
        assertTrue(e.getMessage().contains("stratified, reference"), e.getMessage());
    }
}
