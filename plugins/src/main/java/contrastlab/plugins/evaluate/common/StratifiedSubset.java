package contrastlab.plugins.evaluate.common;

import contrastlab.api.util.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A seeded, class-stratified part of a labelled set (a label fraction, a held-out validation part).
 *
 * @param selected indices of the part, ascending
 * @param rest every other index, ascending
 */
public record StratifiedSubset(int[] selected, int[] rest) {

    /**
     * Takes {@code round(fraction * n)} of the {@code n} indices: each class gets
     * {@code floor(fraction * n_c)}, and the classes with the largest remainders one more until the total is
     * reached (ties to the lower class), so per-class counts differ from {@code fraction * n_c} by less
     * than one. Within a class the members come from a permutation seeded by {@code (seed, class)}.
     */
    public static StratifiedSubset of(int[] labels, int numClasses, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("a stratified fraction must be in (0, 1), got " + fraction);
        }
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " of index " + i + " is not in [0, "
                        + numClasses + ")");
            }
            members.get(labels[i]).add(i);
        }
        int[] sizes = members.stream().mapToInt(List::size).toArray();
        int[] counts = counts(sizes, fraction);
        boolean[] chosen = new boolean[labels.length];
        for (int c = 0; c < numClasses; c++) {
            int[] order = members.get(c).stream().mapToInt(Integer::intValue).toArray();
            Seeds.shuffle(order, Seeds.random(seed, c));
            for (int k = 0; k < counts[c]; k++) {
                chosen[order[k]] = true;
            }
        }
        int total = Arrays.stream(counts).sum();
        int[] selected = new int[total];
        int[] rest = new int[labels.length - total];
        int s = 0;
        int r = 0;
        for (int i = 0; i < labels.length; i++) {
            if (chosen[i]) {
                selected[s++] = i;
            } else {
                rest[r++] = i;
            }
        }
        return new StratifiedSubset(selected, rest);
    }

    /** Per-class counts of a {@code fraction} of classes of the given sizes (largest remainders). */
    public static int[] counts(int[] classSizes, double fraction) {
        int n = Arrays.stream(classSizes).sum();
        int[] counts = new int[classSizes.length];
        double[] remainders = new double[classSizes.length];
        int assigned = 0;
        for (int c = 0; c < classSizes.length; c++) {
            double exact = fraction * classSizes[c];
            counts[c] = (int) Math.floor(exact);
            remainders[c] = exact - counts[c];
            assigned += counts[c];
        }
        int target = (int) Math.round(fraction * n);
        while (assigned < target) {
            int best = -1;
            for (int c = 0; c < classSizes.length; c++) {
                if (counts[c] < classSizes[c] && (best < 0 || remainders[c] > remainders[best])) {
                    best = c;
                }
            }
            counts[best]++;
            remainders[best] = -1;
            assigned++;
        }
        return counts;
    }
}
