package contrastlab.plugins.stage.pseudolabels;

import contrastlab.plugins.math.FloatVectors;
import contrastlab.api.stage.FeatureMatrix;
import contrastlab.api.util.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * scikit-learn's {@code KMeans(init="k-means++", algorithm="lloyd")} in plain Java: greedy k-means++
 * seeding with {@code 2 + floor(ln K)} candidates per centre, Lloyd iterations until the labels stop
 * changing or the squared centre shift drops to {@code tolerance x mean feature variance}, empty
 * clusters moved to the points farthest from their centres, the best of {@code restarts} runs by
 * inertia. Like scikit-learn it clusters the mean-centred data (less cancellation in the
 * {@code |x|^2 - 2 x.c + |c|^2} distances).
 *
 * <p>The random draws come from {@link Seeds} (not NumPy's Mersenne Twister), so the labels are not
 * scikit-learn's bit for bit. Rows are processed in fixed chunks whose partial sums are merged in
 * chunk order, so the result does not depend on the number of threads.
 */
final class KMeans {

    /** Rows per unit of parallel work; fixed so that sums do not depend on the thread count. */
    static final int CHUNK = 1024;

    /** Separates k-means' random stream from the run's other (seed, ...) streams. */
    private static final long STREAM = 0x6B6D_EA45L;

    /**
     * One clustering.
     *
     * @param labels the cluster of each row
     * @param centers {@code clusters x dim}, row-major, in the original (uncentred) coordinates
     * @param inertia sum of squared distances of the rows to their centres
     * @param iterations Lloyd iterations of the chosen run
     * @param restart which run (zero-based) was chosen
     */
    record Result(int[] labels, double[] centers, double inertia, int iterations, int restart) {

        /** Rows per cluster. */
        int[] sizes(int clusters) {
            int[] sizes = new int[clusters];
            for (int label : labels) {
                sizes[label]++;
            }
            return sizes;
        }
    }

    private final int clusters;
    private final int maxIterations;
    private final double tolerance;
    private final int threads;

    /**
     * @param tolerance relative, as scikit-learn's {@code tol}: the absolute threshold on the summed
     *     squared centre shift is {@code tolerance} times the mean per-feature variance
     */
    KMeans(int clusters, int maxIterations, double tolerance, int threads) {
        if (clusters < 1 || maxIterations < 1 || tolerance < 0 || threads < 1) {
            throw new IllegalArgumentException("k-means needs clusters >= 1, maxIterations >= 1, tolerance >= 0 and"
                    + " threads >= 1; got " + clusters + ", " + maxIterations + ", " + tolerance + ", " + threads);
        }
        this.clusters = clusters;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.threads = threads;
    }

    /** The best of {@code restarts} seeded runs; run r draws from (seed, r) alone. */
    Result fit(FeatureMatrix features, long seed, int restarts) {
        int n = features.count();
        int d = features.dim();
        if (n < clusters) {
            throw new IllegalArgumentException("k-means with " + clusters + " clusters needs at least " + clusters
                    + " rows, got " + n);
        }
        double[] mean = columnMeans(features);
        float[] x = centred(features, mean);
        double shiftThreshold = tolerance * meanVariance(x, n, d);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "k-means");
            t.setDaemon(true);
            return t;
        });
        try {
            Work work = new Work(x, n, d, pool);
            Result best = null;
            for (int r = 0; r < restarts; r++) {
                Result run = work.single(Seeds.random(seed, STREAM, r), shiftThreshold, r);
                // strictly lower inertia wins: the first of equal runs is kept, as in scikit-learn
                if (best == null || run.inertia() < best.inertia()) {
                    best = run;
                }
            }
            double[] centers = best.centers();
            for (int c = 0; c < clusters; c++) {
                for (int j = 0; j < d; j++) {
                    centers[c * d + j] += mean[j];
                }
            }
            return best;
        } finally {
            pool.shutdownNow();
        }
    }

    private static double[] columnMeans(FeatureMatrix f) {
        int n = f.count();
        int d = f.dim();
        float[] v = f.values();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += v[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= Math.max(n, 1);
        }
        return mean;
    }

    private static float[] centred(FeatureMatrix f, double[] mean) {
        int d = f.dim();
        float[] v = f.values();
        float[] x = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            x[k] = (float) (v[k] - mean[k % d]);
        }
        return x;
    }

    /** {@code np.mean(np.var(X, axis=0))} of centred data. */
    private static double meanVariance(float[] x, int n, int d) {
        double sum = 0;
        for (float v : x) {
            sum += (double) v * v;
        }
        return sum / ((double) n * d);
    }

    /** The data and the thread pool of one {@link #fit}. */
    private final class Work {
        private final float[] x;
        private final int n;
        private final int d;
        private final float[] rowNorms;
        private final ExecutorService pool;
        private final int chunks;

        Work(float[] x, int n, int d, ExecutorService pool) {
            this.x = x;
            this.n = n;
            this.d = d;
            this.pool = pool;
            this.chunks = (n + CHUNK - 1) / CHUNK;
            this.rowNorms = new float[n];
            for (int i = 0; i < n; i++) {
                rowNorms[i] = FloatVectors.dot(x, i * d, x, i * d, d);
            }
        }

        Result single(SplittableRandom random, double shiftThreshold, int restart) {
            float[] centers = seed(random);
            int[] labels = new int[n];
            int[] previous = new int[n];
            Arrays.fill(previous, -1);
            float[] distances = new float[n];
            int iterations = 0;
            while (iterations < maxIterations) {
                iterations++;
                double[][] sums = assign(centers, labels, distances);
                float[] updated = update(sums[0], sums[1], labels, distances);
                double shift = 0;
                for (int k = 0; k < updated.length; k++) {
                    double delta = updated[k] - centers[k];
                    shift += delta * delta;
                }
                centers = updated;
                if (Arrays.equals(labels, previous) || shift <= shiftThreshold) {
                    break;
                }
                System.arraycopy(labels, 0, previous, 0, n);
            }
            // a last assignment so that the labels are those of the final centres (scikit-learn's extra E-step)
            assign(centers, labels, distances);
            double inertia = 0;
            for (float v : distances) {
                inertia += v;
            }
            double[] out = new double[centers.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = centers[k];
            }
            return new Result(labels, out, inertia, iterations, restart);
        }

        /** Greedy k-means++ (scikit-learn's {@code _kmeans_plusplus}). */
        private float[] seed(SplittableRandom random) {
            float[] centers = new float[clusters * d];
            int trials = 2 + (int) Math.log(clusters);
            int first = random.nextInt(n);
            System.arraycopy(x, first * d, centers, 0, d);
            float[] closest = distancesTo(new int[] {first})[0];
            double potential = sum(closest);
            double[] cumulative = new double[n];
            for (int c = 1; c < clusters; c++) {
                double running = 0;
                for (int i = 0; i < n; i++) {
                    running += closest[i];
                    cumulative[i] = running;
                }
                int[] candidates = new int[trials];
                for (int t = 0; t < trials; t++) {
                    double target = random.nextDouble() * potential;
                    int at = Arrays.binarySearch(cumulative, target);
                    // searchsorted(side='left'): the first index whose cumulative sum is >= target
                    if (at < 0) {
                        at = -at - 1;
                    } else {
                        while (at > 0 && cumulative[at - 1] == target) {
                            at--;
                        }
                    }
                    candidates[t] = Math.min(at, n - 1);
                }
                float[][] toCandidates = distancesTo(candidates);
                int bestTrial = -1;
                double bestPotential = Double.POSITIVE_INFINITY;
                for (int t = 0; t < trials; t++) {
                    float[] dt = toCandidates[t];
                    for (int i = 0; i < n; i++) {
                        dt[i] = Math.min(dt[i], closest[i]);
                    }
                    double p = sum(dt);
                    if (p < bestPotential) {
                        bestPotential = p;
                        bestTrial = t;
                    }
                }
                closest = toCandidates[bestTrial];
                potential = bestPotential;
                System.arraycopy(x, candidates[bestTrial] * d, centers, c * d, d);
            }
            return centers;
        }

        /** Squared distances of every row to each of the given rows. */
        private float[][] distancesTo(int[] rows) {
            float[][] out = new float[rows.length][n];
            parallel(chunk -> {
                int end = Math.min(n, (chunk + 1) * CHUNK);
                for (int t = 0; t < rows.length; t++) {
                    int r = rows[t];
                    float norm = rowNorms[r];
                    for (int i = chunk * CHUNK; i < end; i++) {
                        float v = rowNorms[i] - 2 * FloatVectors.dot(x, i * d, x, r * d, d) + norm;
                        out[t][i] = Math.max(v, 0f);
                    }
                }
                return null;
            });
            return out;
        }

        /**
         * The E-step: each row's nearest centre and squared distance; returns the per-cluster
         * coordinate sums and counts of the new labels, merged in chunk order.
         */
        private double[][] assign(float[] centers, int[] labels, float[] distances) {
            float[] centerNorms = new float[clusters];
            for (int c = 0; c < clusters; c++) {
                centerNorms[c] = FloatVectors.dot(centers, c * d, centers, c * d, d);
            }
            List<double[][]> partial = parallel(chunk -> {
                double[] sums = new double[clusters * d];
                double[] counts = new double[clusters];
                int end = Math.min(n, (chunk + 1) * CHUNK);
                float[] dots = new float[clusters];
                for (int i = chunk * CHUNK; i < end; i++) {
                    dots(x, i * d, centers, dots);
                    int best = 0;
                    float bestDistance = Float.POSITIVE_INFINITY;
                    for (int c = 0; c < clusters; c++) {
                        float v = centerNorms[c] - 2 * dots[c];
                        if (v < bestDistance) {
                            bestDistance = v;
                            best = c;
                        }
                    }
                    labels[i] = best;
                    distances[i] = Math.max(bestDistance + rowNorms[i], 0f);
                    counts[best]++;
                    int base = best * d;
                    for (int j = 0; j < d; j++) {
                        sums[base + j] += x[i * d + j];
                    }
                }
                return new double[][] {sums, counts};
            });
            double[] sums = new double[clusters * d];
            double[] counts = new double[clusters];
            for (double[][] p : partial) {
                for (int k = 0; k < sums.length; k++) {
                    sums[k] += p[0][k];
                }
                for (int c = 0; c < clusters; c++) {
                    counts[c] += p[1][c];
                }
            }
            return new double[][] {sums, counts};
        }

        /**
         * The M-step. An empty cluster takes the row farthest from its centre (largest distance
         * first), which leaves its old cluster, as scikit-learn's {@code _relocate_empty_clusters}.
         */
        private float[] update(double[] sums, double[] counts, int[] labels, float[] distances) {
            int empty = 0;
            for (int c = 0; c < clusters; c++) {
                if (counts[c] == 0) {
                    empty++;
                }
            }
            if (empty > 0) {
                int[] far = farthest(distances, empty);
                int next = 0;
                for (int c = 0; c < clusters; c++) {
                    if (counts[c] != 0) {
                        continue;
                    }
                    int row = far[next++];
                    int old = labels[row];
                    for (int j = 0; j < d; j++) {
                        sums[old * d + j] -= x[row * d + j];
                        sums[c * d + j] = x[row * d + j];
                    }
                    counts[old]--;
                    counts[c] = 1;
                }
            }
            float[] centers = new float[clusters * d];
            for (int c = 0; c < clusters; c++) {
                for (int j = 0; j < d; j++) {
                    centers[c * d + j] = (float) (sums[c * d + j] / counts[c]);
                }
            }
            return centers;
        }

        /** The {@code k} rows with the largest distances, largest first. */
        private int[] farthest(float[] distances, int k) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Float.compare(distances[b], distances[a]));
            int[] out = new int[k];
            for (int t = 0; t < k; t++) {
                out[t] = order[t];
            }
            return out;
        }

        /** Runs {@code task} for every chunk on the pool; results in chunk order. */
        private <T> List<T> parallel(ChunkTask<T> task) {
            List<Future<T>> futures = new ArrayList<>(chunks);
            for (int c = 0; c < chunks; c++) {
                int chunk = c;
                futures.add(pool.submit(() -> task.run(chunk)));
            }
            List<T> results = new ArrayList<>(chunks);
            try {
                for (Future<T> f : futures) {
                    results.add(f.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("k-means was interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("k-means failed: " + e.getCause(), e.getCause());
            }
            return results;
        }
    }

    @FunctionalInterface
    private interface ChunkTask<T> {
        T run(int chunk);
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f;
        }
        return s;
    }

    /** Dot products of row {@code x[offset..offset+d)} with every centre, four centres at a time. */
    private void dots(float[] x, int offset, float[] centers, float[] out) {
        int d = centers.length / clusters;
        int c = 0;
        for (; c + 3 < clusters; c += 4) {
            int b0 = c * d;
            int b1 = b0 + d;
            int b2 = b1 + d;
            int b3 = b2 + d;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int j = 0; j < d; j++) {
                float v = x[offset + j];
                s0 += v * centers[b0 + j];
                s1 += v * centers[b1 + j];
                s2 += v * centers[b2 + j];
                s3 += v * centers[b3 + j];
            }
            out[c] = s0;
            out[c + 1] = s1;
            out[c + 2] = s2;
            out[c + 3] = s3;
        }
        for (; c < clusters; c++) {
            out[c] = FloatVectors.dot(x, offset, centers, c * d, d);
        }
    }
}
