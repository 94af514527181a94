package contrastlab.plugins.sampler.random;

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
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RandomSamplerTest {

    private final RandomSamplerPlugin plugin = new RandomSamplerPlugin();

    @Test
    void isDiscoveredWithItsDefaults() {
        assertTrue(ServiceLoader.load(SamplerPlugin.class).stream().anyMatch(p -> p.type() == RandomSamplerPlugin.class));
        assertEquals("random", plugin.name());
        assertEquals(new RandomSamplerParameters(true), plugin.defaults());
    }

    @Test
    void fullBatchesCoverADistinctSubsetAndDropTheRest() {
        Sampler sampler = sampler(103, 10, 7, true);
        List<int[]> batches = sampler.batches(0);
        assertEquals(10, batches.size());
        int[] seen = batches.stream().peek(b -> assertEquals(10, b.length)).flatMapToInt(Arrays::stream).sorted().toArray();
        assertEquals(100, seen.length);
        assertEquals(100, Arrays.stream(seen).distinct().count());
        assertTrue(Arrays.stream(seen).allMatch(i -> i >= 0 && i < 103));
    }

    @Test
    void withoutDropLastEveryImageAppearsOnce() {
        List<int[]> batches = sampler(103, 10, 7, false).batches(3);
        assertEquals(11, batches.size());
        assertEquals(3, batches.get(10).length);
        int[] seen = batches.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 103).toArray(), seen);
    }

    @Test
    void orderDependsOnSeedAndEpochAlone() {
        Sampler a = sampler(1000, 50, 42, true);
        Sampler b = sampler(1000, 50, 42, true);
        // a resumed run asks for a later epoch first: same batches as an uninterrupted run
        List<int[]> late = b.batches(5);
        a.batches(0);
        assertBatchesEqual(a.batches(5), late);
        assertBatchesEqual(a.batches(0), b.batches(0));
        assertFalse(same(a.batches(0), a.batches(1)), "epochs must be reshuffled");
        assertFalse(same(a.batches(0), sampler(1000, 50, 43, true).batches(0)), "seeds must differ");
    }

    @Test
    void theOrderIsShuffledNotSorted() {
        int[] order = sampler(1000, 1000, 1, true).batches(0).get(0);
        assertFalse(Arrays.equals(IntStream.range(0, 1000).toArray(), order));
        // each position is roughly uniform: the first batch of 100 from 1000 has mean index near 500
        double mean = Arrays.stream(sampler(1000, 100, 2, true).batches(0).get(0)).average().orElseThrow();
        assertTrue(Math.abs(mean - 499.5) < 100, "mean index " + mean);
    }

    @Test
    void aSplitSmallerThanOneBatchIsRejectedWhenDroppingTheLast() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sampler(5, 8, 0, true));
        assertTrue(e.getMessage().contains("dropLast"), e.getMessage());
        assertEquals(1, sampler(5, 8, 0, false).batches(0).size());
    }

    private Sampler sampler(int size, int batchSize, long seed, boolean dropLast) {
        ImageDataset dataset = mock(ImageDataset.class);
        when(dataset.size()).thenReturn(size);
        return plugin.create(new RandomSamplerParameters(dropLast), new SamplerContext(dataset, batchSize, seed));
    }

    private static boolean same(List<int[]> a, List<int[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static void assertBatchesEqual(List<int[]> expected, List<int[]> actual) {
        assertTrue(same(expected, actual));
    }
}
