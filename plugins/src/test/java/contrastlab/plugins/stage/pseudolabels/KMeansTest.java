package contrastlab.plugins.stage.pseudolabels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contrastlab.api.stage.FeatureMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansTest {

    /** {@code blobs} Gaussian blobs of unit spread whose centres are {@code spacing} apart per coordinate. */
    static FeatureMatrix blobs(int blobs, int perBlob, int dim, double spacing, long seed, int[] truth) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = new double[blobs][dim];
        for (int b = 0; b < blobs; b++) {
            for (int j = 0; j < dim; j++) {
                centres[b][j] = spacing * random.nextInt(-5, 6) + (j == b % dim ? spacing * 10 * (b + 1) : 0);
            }
        }
        int n = blobs * perBlob;
        float[] v = new float[n * dim];
        // interleaved so that blob membership is not a contiguous range of rows
        for (int i = 0; i < n; i++) {
            int b = i % blobs;
            truth[i] = b;
            for (int j = 0; j < dim; j++) {
                v[i * dim + j] = (float) (centres[b][j] + gaussian(random));
            }
        }
        return new FeatureMatrix(n, dim, v);
    }

    static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Whether two labelings are the same partition (equal up to renaming the clusters). */
    static boolean samePartition(int[] a, int[] b) {
        int ka = Arrays.stream(a).max().orElse(0) + 1;
        int kb = Arrays.stream(b).max().orElse(0) + 1;
        int[] aToB = new int[ka];
        int[] bToA = new int[kb];
        Arrays.fill(aToB, -1);
        Arrays.fill(bToA, -1);
        for (int i = 0; i < a.length; i++) {
            if (aToB[a[i]] == -1 && bToA[b[i]] == -1) {
                aToB[a[i]] = b[i];
                bToA[b[i]] = a[i];
            } else if (aToB[a[i]] != b[i] || bToA[b[i]] != a[i]) {
                return false;
            }
        }
        return true;
    }

    @Test
    void recoversSeparableBlobsWithOneRunFromEverySeed() {
        int[] truth = new int[7 * 60];
        FeatureMatrix x = blobs(7, 60, 12, 3.0, 1, truth);
        for (long seed = 0; seed < 5; seed++) {
            KMeans.Result r = new KMeans(7, 300, 1e-4, 2).fit(x, seed, 1);
            assertTrue(samePartition(truth, r.labels()), "seed " + seed + ": " + Arrays.toString(r.sizes(7)));
            assertArrayEquals(new int[] {60, 60, 60, 60, 60, 60, 60}, r.sizes(7));
        }
    }

    @Test
    void samePartitionDetectsAMismatch() {
        assertTrue(samePartition(new int[] {0, 0, 1, 2}, new int[] {2, 2, 0, 1}));
        assertFalse(samePartition(new int[] {0, 0, 1, 2}, new int[] {2, 1, 0, 1}));
        assertFalse(samePartition(new int[] {0, 1, 1}, new int[] {0, 0, 0}));
    }

    /** Unstructured data, where the clustering depends on the seeding. */
    private static FeatureMatrix noise(int n, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n * dim];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) gaussian(random);
        }
        return new FeatureMatrix(n, dim, v);
    }

    @Test
    void aSeedDeterminesTheResultWhateverTheThreadCount() {
        // more rows than one chunk, so that several threads really share the work
        FeatureMatrix x = noise(3 * KMeans.CHUNK + 17, 6, 3);
        KMeans.Result one = new KMeans(9, 300, 1e-4, 1).fit(x, 42, 2);
        KMeans.Result three = new KMeans(9, 300, 1e-4, 3).fit(x, 42, 2);
        assertArrayEquals(one.labels(), three.labels());
        assertArrayEquals(one.centers(), three.centers());
        assertEquals(one.inertia(), three.inertia());
        KMeans.Result other = new KMeans(9, 300, 1e-4, 1).fit(x, 43, 2);
        assertFalse(Arrays.equals(one.labels(), other.labels()), "another seed, another seeding");
    }

    @Test
    void theResultIsALloydFixedPointWithItsInertia() {
        FeatureMatrix x = noise(900, 5, 8);
        int k = 6;
        KMeans.Result r = new KMeans(k, 300, 0, 2).fit(x, 0, 1);
        int d = x.dim();
        double inertia = 0;
        double[] sums = new double[k * d];
        int[] counts = new int[k];
        for (int i = 0; i < x.count(); i++) {
            double best = Double.POSITIVE_INFINITY;
            int arg = -1;
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double diff = x.values()[i * d + j] - r.centers()[c * d + j];
                    s += diff * diff;
                }
                if (s < best) {
                    best = s;
                    arg = c;
                }
            }
            assertEquals(arg, r.labels()[i], "row " + i + " is labelled with a centre that is not its nearest");
            inertia += best;
            counts[arg]++;
            for (int j = 0; j < d; j++) {
                sums[arg * d + j] += x.values()[i * d + j];
            }
        }
        assertEquals(inertia, r.inertia(), 1e-4 * inertia);
        // tolerance 0: Lloyd ran until no label changed, so every centre is its members' mean
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                assertEquals(sums[c * d + j] / counts[c], r.centers()[c * d + j], 1e-4);
            }
        }
        assertTrue(r.iterations() > 1 && r.iterations() < 300, "iterations " + r.iterations());
    }

    @Test
    void moreRestartsNeverEndWorse() {
        FeatureMatrix x = noise(600, 4, 11);
        KMeans.Result one = new KMeans(12, 300, 1e-4, 2).fit(x, 5, 1);
        KMeans.Result five = new KMeans(12, 300, 1e-4, 2).fit(x, 5, 5);
        // run 0 is the same in both, so the best of five is at most its inertia
        assertTrue(five.inertia() <= one.inertia());
        assertTrue(five.restart() >= 0 && five.restart() < 5);
    }

    @Test
    void anEmptyClusterTakesTheFarthestPoint() {
        // three distinct points, two copies each, four clusters: k-means++ must pick a duplicate centre,
        // whose cluster is empty; relocation moves the farthest point into it instead of dividing by zero
        float[] v = {0, 0, 0, 0, 10, 0, 10, 0, 0, 10, 0, 10};
        KMeans.Result r = new KMeans(4, 300, 1e-4, 1).fit(new FeatureMatrix(6, 2, v), 0, 1);
        for (double c : r.centers()) {
            assertTrue(Double.isFinite(c));
        }
        assertEquals(0.0, r.inertia(), 1e-9);
        assertEquals(6, Arrays.stream(r.sizes(4)).sum());
    }

    @Test
    void rejectsMoreClustersThanRows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KMeans(5, 10, 1e-4, 1).fit(noise(4, 2, 0), 0, 1));
        assertTrue(e.getMessage().contains("at least 5 rows"), e.getMessage());
    }
}
