package contrastlab.plugins.sampler.pseudolabels;

import contrastlab.api.sampler.Sampler;
import contrastlab.api.util.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Batches built from pseudo-labels.
 *
 * <p><b>stratified</b> (every epoch from (seed, epoch) alone): each label's images are shuffled; each
 * batch then takes one image from each of the {@code batchSize} labels with the most images left (ties
 * broken at random). Taking from the largest first is what keeps the most labels alive longest: it
 * yields the largest possible number of batches without a repeated label, the largest r with
 * {@code sum_c min(n_c, r) >= r x batchSize}. Once fewer labels than {@code batchSize} have images
 * left, a batch cycles over the remaining labels (largest first), so repeats are as few as the counts
 * allow. The complete batches are then put in a random order (so the batches with repeats are not all
 * at the end of the epoch) and each batch's images in a random order; the incomplete batch, if any,
 * comes last and is what {@code dropLast} drops.
 *
 * <p><b>reference</b> reproduces G-SimCLR's {@code SimCLR_Pseudo_Labels_Training.ipynb}: rank = the
 * image's 1-based position within its label by image index ({@code groupby.rank("dense")}); sort by
 * (label, rank), which is fully determined; then {@code sort_values(by=["rank"])}, pandas' default
 * {@code kind="quicksort"}, i.e. NumPy's unstable introsort on the float64 ranks in that order
 * ({@link NumpyQuicksort}); batched in order, the same every epoch.
 */
final class PseudoLabelSampler implements Sampler {

    /** Separates the sampler's random stream from the other (seed, epoch, ...) streams of a run. */
    private static final long STREAM = 0x57A7_1F1EL;

    private final int[] labels;
    private final int batchSize;
    private final long seed;
    private final boolean dropLast;
    /** The reference mode's fixed order; null in stratified mode. */
    private final int[] referenceOrder;
    /** Image indices of each label, ascending; labels absent from the data have none. */
    private final int[][] members;

    PseudoLabelSampler(int[] labels, int batchSize, long seed, boolean dropLast, boolean reference) {
        this.labels = labels.clone();
        this.batchSize = batchSize;
        this.seed = seed;
        this.dropLast = dropLast;
        this.members = members(this.labels);
        this.referenceOrder = reference ? referenceOrder(members) : null;
    }

    @Override
    public List<int[]> batches(int epoch) {
        if (referenceOrder != null) {
            return cut(referenceOrder);
        }
        return stratified(epoch);
    }

    /** {@code repeated_label_batches}: the fraction of the epoch's batches in which some label occurs twice. */
    @Override
    public Map<String, Double> epochMetrics(int epoch) {
        List<int[]> batches = batches(epoch);
        int repeated = 0;
        for (int[] batch : batches) {
            if (hasRepeatedLabel(batch)) {
                repeated++;
            }
        }
        return Map.of("repeated_label_batches", batches.isEmpty() ? 0.0 : (double) repeated / batches.size());
    }

    boolean hasRepeatedLabel(int[] batch) {
        int[] seen = new int[batch.length];
        for (int i = 0; i < batch.length; i++) {
            seen[i] = labels[batch[i]];
        }
        Arrays.sort(seen);
        for (int i = 1; i < seen.length; i++) {
            if (seen[i] == seen[i - 1]) {
                return true;
            }
        }
        return false;
    }

    private static int[][] members(int[] labels) {
        int max = Arrays.stream(labels).max().orElse(-1);
        int[] counts = new int[max + 1];
        for (int label : labels) {
            counts[label]++;
        }
        int[][] members = new int[max + 1][];
        for (int c = 0; c <= max; c++) {
            members[c] = new int[counts[c]];
        }
        int[] fill = new int[max + 1];
        for (int i = 0; i < labels.length; i++) {
            members[labels[i]][fill[labels[i]]++] = i;
        }
        return members;
    }

    /** G-SimCLR's order (see the class comment). */
    static int[] referenceOrder(int[][] members) {
        int n = Arrays.stream(members).mapToInt(m -> m.length).sum();
        int[] images = new int[n];
        double[] ranks = new double[n];
        int row = 0;
        for (int[] cluster : members) {
            for (int r = 0; r < cluster.length; r++) {
                images[row] = cluster[r];
                ranks[row] = r + 1;
                row++;
            }
        }
        int[] permutation = NumpyQuicksort.argsort(ranks);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = images[permutation[i]];
        }
        return order;
    }

    private List<int[]> cut(int[] order) {
        int full = order.length / batchSize;
        boolean partial = !dropLast && order.length % batchSize != 0;
        List<int[]> batches = new ArrayList<>(full + 1);
        for (int b = 0; b < full; b++) {
            batches.add(Arrays.copyOfRange(order, b * batchSize, (b + 1) * batchSize));
        }
        if (partial) {
            batches.add(Arrays.copyOfRange(order, full * batchSize, order.length));
        }
        return batches;
    }

    private List<int[]> stratified(int epoch) {
        SplittableRandom random = Seeds.random(seed, STREAM, epoch);
        int clusters = members.length;
        int[][] pools = new int[clusters][];
        int[] left = new int[clusters];
        for (int c = 0; c < clusters; c++) {
            pools[c] = members[c].clone();
            shuffle(pools[c], pools[c].length, random);
            left[c] = pools[c].length;
        }
        int total = labels.length;
        int full = total / batchSize;
        List<int[]> batches = new ArrayList<>(full + 1);
        for (int b = 0; b < full; b++) {
            batches.add(take(pools, left, batchSize, random));
        }
        // the complete batches in a random order; the incomplete one stays last
        int[][] shuffled = batches.toArray(new int[0][]);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int[] t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        List<int[]> out = new ArrayList<>(Arrays.asList(shuffled));
        int rest = total - full * batchSize;
        if (rest > 0 && !dropLast) {
            out.add(take(pools, left, rest, random));
        }
        return out;
    }

    /**
     * One batch of {@code size} images: labels in order of most images left (random among equal
     * counts), one image each, cycling again over the labels that still have images if one round
     * does not fill the batch.
     */
    private static int[] take(int[][] pools, int[] left, int size, SplittableRandom random) {
        int[] batch = new int[size];
        int filled = 0;
        while (filled < size) {
            int[] order = byCountLeft(left, random);
            for (int k = 0; k < order.length && filled < size; k++) {
                int c = order[k];
                batch[filled++] = pools[c][--left[c]];
            }
        }
        shuffle(batch, size, random);
        return batch;
    }

    /** Labels with images left, most first, in random order among equal counts. */
    private static int[] byCountLeft(int[] left, SplittableRandom random) {
        int alive = 0;
        for (int count : left) {
            if (count > 0) {
                alive++;
            }
        }
        int[] candidates = new int[alive];
        int k = 0;
        for (int c = 0; c < left.length; c++) {
            if (left[c] > 0) {
                candidates[k++] = c;
            }
        }
        shuffle(candidates, alive, random);
        // most left first; among equal counts the shuffled position decides
        long[] keys = new long[alive];
        for (int i = 0; i < alive; i++) {
            keys[i] = ((long) (Integer.MAX_VALUE - left[candidates[i]]) << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[alive];
        for (int i = 0; i < alive; i++) {
            order[i] = candidates[(int) keys[i]];
        }
        return order;
    }

    private static void shuffle(int[] a, int length, SplittableRandom random) {
        for (int i = length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
