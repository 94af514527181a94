package contrastlab.plugins.evaluate.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedSubsetTest {

    /** Labels 0..k-1 with the given class sizes, interleaved so that no class is contiguous. */
    private static int[] labels(int... sizes) {
        int total = Arrays.stream(sizes).sum();
        int[] labels = new int[total];
        int[] left = sizes.clone();
        int i = 0;
        while (i < total) {
            for (int c = 0; c < sizes.length; c++) {
                if (left[c] > 0) {
                    labels[i++] = c;
                    left[c]--;
                }
            }
        }
        return labels;
    }

    private static int[] perClass(int[] labels, int[] indices, int classes) {
        int[] counts = new int[classes];
        for (int i : indices) {
            counts[labels[i]]++;
        }
        return counts;
    }

    @Test
    void tenPercentOfBalancedClassesIsExactlyTenPercentOfEach() {
        int[] labels = labels(500, 500, 500, 500);
        StratifiedSubset subset = StratifiedSubset.of(labels, 4, 0.1, 666);
        assertArrayEquals(new int[] {50, 50, 50, 50}, perClass(labels, subset.selected(), 4));
        assertArrayEquals(new int[] {450, 450, 450, 450}, perClass(labels, subset.rest(), 4));
    }

    @Test
    void unevenClassesGetFloorPlusLargestRemainders() {
        // 10 % of 25, 15, 7, 3 = 2.5, 1.5, 0.7, 0.3 (total 5): floors 2, 1, 0, 0, then the remainders 0.7, 0.5, 0.5
        assertArrayEquals(new int[] {3, 1, 1, 0}, StratifiedSubset.counts(new int[] {25, 15, 7, 3}, 0.1));
        int[] labels = labels(25, 15, 7, 3);
        StratifiedSubset subset = StratifiedSubset.of(labels, 4, 0.1, 1);
        assertArrayEquals(new int[] {3, 1, 1, 0}, perClass(labels, subset.selected(), 4));
        assertArrayEquals(new int[] {2, 1}, StratifiedSubset.counts(new int[] {3, 3}, 0.5), "3 in all; a tie goes to the lower class");
        assertArrayEquals(new int[] {2, 2}, StratifiedSubset.counts(new int[] {4, 3}, 0.5), "3.5 rounds up, to the class with a remainder");
    }

    @Test
    void theSubsetIsSeededAndPartitionsTheIndices() {
        int[] labels = labels(40, 30, 30);
        StratifiedSubset a = StratifiedSubset.of(labels, 3, 0.2, 7);
        StratifiedSubset again = StratifiedSubset.of(labels, 3, 0.2, 7);
        StratifiedSubset other = StratifiedSubset.of(labels, 3, 0.2, 8);
        assertArrayEquals(a.selected(), again.selected());
        assertFalse(Arrays.equals(a.selected(), other.selected()), "another seed draws other members");
        assertEquals(20, a.selected().length);
        int[] all = IntStream.concat(Arrays.stream(a.selected()), Arrays.stream(a.rest())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, labels.length).toArray(), all);
        assertArrayEquals(Arrays.stream(a.selected()).sorted().toArray(), a.selected(), "ascending");
    }

    @Test
    void badFractionsAndLabelsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> StratifiedSubset.of(new int[] {0, 1}, 2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> StratifiedSubset.of(new int[] {0, 1}, 2, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> StratifiedSubset.of(new int[] {0, 2}, 2, 0.5, 0));
    }
}
