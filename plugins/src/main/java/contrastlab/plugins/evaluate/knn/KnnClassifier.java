package contrastlab.plugins.evaluate.knn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import contrastlab.api.evaluate.FeatureSet;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Weighted cosine kNN: both feature sets are L2-normalised, the similarities s = f . b come from an
 * engine product in chunks of test rows, and the top-k selection and vote run in Java (MXNet has no
 * top-k). Neighbour j votes for its class with weight exp(s_j / temperature); the class with the
 * largest sum wins.
 *
 * <p>Ties are deterministic: among equal similarities the lower train index ranks first, and among
 * equal class scores the lower class wins.
 */
final class KnnClassifier {

    /**
     * Similarities copied to Java per chunk (8 MB): small enough for the allocator to recycle the
     * chunk's memory, large enough to amortise the calls and the re-reads of the bank.
     */
    private static final int CHUNK_VALUES = 1 << 21;

    private final int k;
    private final double temperature;
    private final int chunkValues;

    KnnClassifier(int k, double temperature) {
        this(k, temperature, CHUNK_VALUES);
    }

    /** With at most about {@code chunkValues} similarities per chunk (at least one test row). */
    KnnClassifier(int k, double temperature, int chunkValues) {
        this.k = k;
        this.temperature = temperature;
        this.chunkValues = chunkValues;
    }

    /** The predicted class of every test row. */
    int[] predict(NDManager manager, FeatureSet train, FeatureSet test) {
        if (train.dim() != test.dim()) {
            throw new IllegalArgumentException("knn: train features have dim " + train.dim()
                    + " but test features have dim " + test.dim());
        }
        if (train.count() == 0) {
            throw new IllegalArgumentException("knn: the train split has no features");
        }
        int n = train.count();
        int d = train.dim();
        int kk = Math.min(k, n);
        for (int label : train.labels()) {
            if (label < 0) {
                throw new IllegalArgumentException("knn: the train split has unlabelled images (label " + label + ")");
            }
        }
        int classes = Math.max(train.numClasses(), maxLabel(train.labels()) + 1);
        int[] predicted = new int[test.count()];
        float[] queries = normalizedRows(test.values(), test.count(), d);
        int chunk = Math.max(1, Math.min(test.count(), chunkValues / n));
        float[] sims = new float[chunk * n];
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), chunk));
        Selection[] scratch = new Selection[workers];
        for (int w = 0; w < workers; w++) {
            scratch[w] = new Selection(kk, classes);
        }
        try (NDManager local = manager.newSubManager()) {
            NDArray bank = local.create(normalizedRows(train.values(), n, d), new Shape(n, d));
            for (int start = 0; start < test.count(); start += chunk) {
                int rows = Math.min(chunk, test.count() - start);
                try (NDManager step = local.newSubManager()) {
                    float[] q = new float[rows * d];
                    System.arraycopy(queries, start * d, q, 0, rows * d);
                    // queries x bank^T as a bias-free fully connected layer: the bank is the weight,
                    // no transpose, and on MXNet the oneDNN inner product (about 2x numpy matmul here)
                    NDArray s = Linear.linear(step.create(q, new Shape(rows, d)), bank).head();
                    ByteBuffer buffer = s.toByteBuffer(true);
                    buffer.asFloatBuffer().get(sims, 0, rows * n);
                    DirectBuffers.free(buffer);
                }
                int first = start;
                IntStream.range(0, workers).parallel().forEach(w -> {
                    Selection sel = scratch[w];
                    for (int r = w; r < rows; r += workers) {
                        predicted[first + r] = sel.vote(sims, r * n, n, train.labels(), temperature);
                    }
                });
            }
        }
        return predicted;
    }

    private static int maxLabel(int[] labels) {
        int max = -1;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return max;
    }

    /** Rows divided by max(||row||, 1e-12), as torch's F.normalize. */
    static float[] normalizedRows(float[] values, int rows, int dim) {
        float[] out = new float[values.length];
        for (int r = 0; r < rows; r++) {
            int off = r * dim;
            double sq = 0;
            for (int c = 0; c < dim; c++) {
                sq += (double) values[off + c] * values[off + c];
            }
            double inv = 1.0 / Math.max(Math.sqrt(sq), 1e-12);
            for (int c = 0; c < dim; c++) {
                out[off + c] = (float) (values[off + c] * inv);
            }
        }
        return out;
    }

    /** Per-thread scratch: a bounded min-heap of the best k neighbours and the class scores. */
    private static final class Selection {
        private final float[] heapSim;
        private final int[] heapIdx;
        private final double[] scores;

        Selection(int k, int classes) {
            heapSim = new float[k];
            heapIdx = new int[k];
            scores = new double[classes];
        }

        int vote(float[] sims, int offset, int n, int[] labels, double temperature) {
            int k = heapSim.length;
            for (int j = 0; j < k; j++) {
                heapSim[j] = sims[offset + j];
                heapIdx[j] = j;
            }
            for (int j = k / 2 - 1; j >= 0; j--) {
                siftDown(j);
            }
            // scanning j upwards, a candidate equal to the root has a higher index and loses the tie
            float threshold = heapSim[0];
            for (int j = k; j < n; j++) {
                float s = sims[offset + j];
                if (s > threshold) {
                    heapSim[0] = s;
                    heapIdx[0] = j;
                    siftDown(0);
                    threshold = heapSim[0];
                }
            }
            Arrays.fill(scores, 0.0);
            for (int j = 0; j < k; j++) {
                scores[labels[heapIdx[j]]] += Math.exp(heapSim[j] / temperature);
            }
            int best = 0;
            for (int c = 1; c < scores.length; c++) {
                if (scores[c] > scores[best]) {
                    best = c;
                }
            }
            return best;
        }

        /** Root = worst neighbour: lowest similarity, and among equals the highest index. */
        private boolean worse(int a, int b) {
            return heapSim[a] < heapSim[b] || (heapSim[a] == heapSim[b] && heapIdx[a] > heapIdx[b]);
        }

        private void siftDown(int i) {
            int k = heapSim.length;
            while (true) {
                int l = 2 * i + 1;
                if (l >= k) {
                    return;
                }
                int worst = l;
                int r = l + 1;
                if (r < k && worse(r, l)) {
                    worst = r;
                }
                if (!worse(worst, i)) {
                    return;
                }
                float ts = heapSim[i];
                int ti = heapIdx[i];
                heapSim[i] = heapSim[worst];
                heapIdx[i] = heapIdx[worst];
                heapSim[worst] = ts;
                heapIdx[worst] = ti;
                i = worst;
            }
        }
    }
}
