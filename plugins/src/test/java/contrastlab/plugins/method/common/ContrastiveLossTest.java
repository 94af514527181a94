package contrastlab.plugins.method.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the engine's NT-Xent against an independent double-precision implementation written with
 * plain loops: the value, and the gradient with respect to the un-normalised projections (central
 * finite differences of the double implementation).
 */
class ContrastiveLossTest {

    private static NDManager manager;

    @BeforeAll
    static void engine() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void ntXentValueAndGradientMatchDoublePrecision() {
        checkAgainstReference(4, 5, 2, 0.5, 11);
        checkAgainstReference(3, 6, 2, 0.1, 12);
    }

    @Test
    void threeViewsAverageOverTheOtherViews() {
        checkAgainstReference(3, 4, 3, 0.5, 13);
    }

    @Test
    void viewPositivesMarkTheSameImageInOtherViews() {
        try (NDManager m = manager.newSubManager()) {
            float[] mask = ContrastiveLoss.viewPositives(m, 2, 2).toFloatArray();
            float[] expected = {
                0, 0, 1, 0,
                0, 0, 0, 1,
                1, 0, 0, 0,
                0, 1, 0, 0};
            assertArrayEquals(expected, mask);
        }
    }

    @Test
    void anchorsWithoutPositivesAreLeftOut() {
        // rows 0 and 1 are positives of each other; row 2 has none and must not count in the mean
        double[][] z = {{1, 0.2}, {0.8, 0.1}, {-0.3, 1}};
        double[][] pos = {{0, 1, 0}, {1, 0, 0}, {0, 0, 0}};
        try (NDManager m = manager.newSubManager()) {
            NDArray zs = m.create(toFloat(z));
            NDArray mask = m.create(toFloat(pos));
            float loss = ContrastiveLoss.multiPositive(m, zs, mask, 0.5f).loss().getFloat();
            assertEquals(referenceLoss(z, pos, 0.5), loss, 1e-5);
        }
    }

    @Test
    void monitorsAreTheMeanCosinesOfPositiveAndNegativePairs() {
        try (NDManager m = manager.newSubManager()) {
            // two images, two views each; identical views, images orthogonal
            NDArray v1 = m.create(new float[][] {{2, 0}, {0, 3}});
            NDArray v2 = m.create(new float[][] {{5, 0}, {0, 1}});
            ContrastiveOutput out = ContrastiveLoss.ntXent(m, List.of(v1, v2), 0.5f);
            assertEquals(1.0, out.positiveSimilarity().getFloat(), 1e-6);
            assertEquals(0.0, out.negativeSimilarity().getFloat(), 1e-6);
        }
    }

    @Test
    void oneViewIsRejected() {
        try (NDManager m = manager.newSubManager()) {
            NDArray z = m.ones(new Shape(2, 3));
            assertThrows(IllegalArgumentException.class, () -> ContrastiveLoss.ntXent(m, List.of(z), 0.5f));
        }
    }

    private static void checkAgainstReference(int n, int d, int views, double tau, long seed) {
        Random random = new Random(seed);
        double[][] z = new double[views * n][d];
        for (double[] row : z) {
            for (int c = 0; c < d; c++) {
                row[c] = random.nextGaussian();
            }
        }
        double[][] pos = new double[views * n][views * n];
        for (int a = 0; a < views * n; a++) {
            for (int b = 0; b < views * n; b++) {
                pos[a][b] = (a != b && a % n == b % n) ? 1 : 0;
            }
        }
        double expected = referenceLoss(z, pos, tau);
        if (views == 2) {
            // the textbook form: mean over 2N anchors of -log(exp(s_ip/t) / sum_{k != i} exp(s_ik/t))
            assertEquals(textbookNtXent(z, n, tau), expected, 1e-12);
        }
        double[][] gradient = finiteDifferences(z, pos, tau);

        try (NDManager m = manager.newSubManager()) {
            NDArray[] parts = new NDArray[views];
            for (int v = 0; v < views; v++) {
                double[][] rows = new double[n][];
                System.arraycopy(z, v * n, rows, 0, n);
                parts[v] = m.create(toFloat(rows));
                parts[v].setRequiresGradient(true);
            }
            float loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray l = ContrastiveLoss.ntXent(m, List.of(parts), (float) tau).loss();
                loss = l.getFloat();
                collector.backward(l);
            }
            assertEquals(expected, loss, 1e-4, "loss");
            for (int v = 0; v < views; v++) {
                float[] g = parts[v].getGradient().toFloatArray();
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < d; c++) {
                        assertEquals(gradient[v * n + i][c], g[i * d + c], 1e-4,
                                "d loss / d z[" + v + "][" + i + "][" + c + "]");
                    }
                }
            }
            assertTrue(loss > 0);
        }
    }

    /** The multi-positive loss, in doubles, with the same normalisation as Ops.l2Normalize. */
    private static double referenceLoss(double[][] z, double[][] pos, double tau) {
        int m = z.length;
        double[][] u = new double[m][];
        for (int a = 0; a < m; a++) {
            double sq = 0;
            for (double x : z[a]) {
                sq += x * x;
            }
            double norm = Math.sqrt(sq + 1e-12);
            u[a] = new double[z[a].length];
            for (int c = 0; c < z[a].length; c++) {
                u[a][c] = z[a][c] / norm;
            }
        }
        double total = 0;
        int anchors = 0;
        for (int a = 0; a < m; a++) {
            double[] logits = new double[m];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < m; k++) {
                if (k != a) {
                    logits[k] = dot(u[a], u[k]) / tau;
                    max = Math.max(max, logits[k]);
                }
            }
            double sum = 0;
            for (int k = 0; k < m; k++) {
                if (k != a) {
                    sum += Math.exp(logits[k] - max);
                }
            }
            double logDenominator = max + Math.log(sum);
            double anchorLoss = 0;
            int positives = 0;
            for (int p = 0; p < m; p++) {
                if (pos[a][p] > 0) {
                    anchorLoss -= logits[p] - logDenominator;
                    positives++;
                }
            }
            if (positives > 0) {
                total += anchorLoss / positives;
                anchors++;
            }
        }
        return total / anchors;
    }

    /** SimCLR's NT-Xent for two stacked views of n images, written out separately. */
    private static double textbookNtXent(double[][] z, int n, double tau) {
        int m = 2 * n;
        double total = 0;
        for (int i = 0; i < m; i++) {
            int positive = (i + n) % m;
            double denominator = 0;
            for (int k = 0; k < m; k++) {
                if (k != i) {
                    denominator += Math.exp(cosine(z[i], z[k]) / tau);
                }
            }
            total += -Math.log(Math.exp(cosine(z[i], z[positive]) / tau) / denominator);
        }
        return total / m;
    }

    private static double[][] finiteDifferences(double[][] z, double[][] pos, double tau) {
        double h = 1e-6;
        double[][] g = new double[z.length][z[0].length];
        for (int a = 0; a < z.length; a++) {
            for (int c = 0; c < z[a].length; c++) {
                double keep = z[a][c];
                z[a][c] = keep + h;
                double up = referenceLoss(z, pos, tau);
                z[a][c] = keep - h;
                double down = referenceLoss(z, pos, tau);
                z[a][c] = keep;
                g[a][c] = (up - down) / (2 * h);
            }
        }
        return g;
    }

    private static double cosine(double[] a, double[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static float[][] toFloat(double[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new float[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = (float) x[i][j];
            }
        }
        return out;
    }
}
