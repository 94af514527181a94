package contrastlab.plugins.method.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ConLoss against {@link ConLossReference} (the original's computation in doubles), in value and in
 * gradient with respect to the un-normalised features, for each way the SelfCon methods use it.
 */
class ConLossTest {

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
    void supConTwoViewsWithLabels() {
        check(6, 2, 5, new int[] {0, 1, 0, 2, 1, 0}, false, 0.1, 21);
    }

    @Test
    void conTwoViewsWithoutLabelsIsNtXentScaledByTauOverTauBase() {
        double[][][] f = check(5, 2, 4, null, false, 0.5, 22);
        try (NDManager m = manager.newSubManager()) {
            List<NDArray> groups = groups(m, f);
            float ntXent = ContrastiveLoss.ntXent(m, groups, 0.5f).loss().getFloat();
            float con = ConLoss.loss(m, groups, Optional.empty(), 0.5, 0.07).loss().getFloat();
            assertEquals(ntXent * 0.5 / 0.07, con, 1e-4);
        }
    }

    @Test
    void supConSingleViewDropsAnchorsWithoutPositives() {
        // labels 3 and 4 appear once: those two anchors have no positive and are left out of the mean
        check(7, 1, 4, new int[] {0, 1, 0, 3, 1, 4, 1}, true, 0.1, 23);
    }

    @Test
    void selfConSeveralExitsWithAndWithoutLabels() {
        // groups = [exit 1, exit 2, backbone]
        check(5, 3, 4, new int[] {1, 0, 1, 1, 2}, false, 0.1, 24);
        check(5, 3, 4, null, false, 0.1, 25);
    }

    @Test
    void selfConMultiViewRowsAreTwoBatchesWithRepeatedLabels() {
        // SelfCon-M: K = 2B instances (both views), labels repeated; SelfCon-MU: identity over 2B
        int[] labels = {0, 1, 1, 0, 1, 1};
        check(6, 2, 3, labels, false, 0.2, 26);
        check(6, 2, 3, null, false, 0.2, 27);
    }

    @Test
    void positiveMaskTilesTheLabelMaskAndClearsTheDiagonal() {
        try (NDManager m = manager.newSubManager()) {
            NDArray labels = m.create(new int[] {4, 7, 4});
            float[] mask = ConLoss.positives(m, 3, 2, Optional.of(labels)).toFloatArray();
            float[] expected = {
                0, 0, 1, 1, 0, 1,
                0, 0, 0, 0, 1, 0,
                1, 0, 0, 1, 0, 1,
                1, 0, 1, 0, 0, 1,
                0, 1, 0, 0, 0, 0,
                1, 0, 1, 1, 0, 0};
            assertArrayEquals(expected, mask);
        }
    }

    /** Checks value and gradient of ConLoss on random features {@code [k][groups][d]}; returns them. */
    private static double[][][] check(int k, int groups, int d, int[] labels, boolean dropsAnchors, double tau,
            long seed) {
        Random random = new Random(seed);
        double[][][] f = new double[k][groups][d];
        for (double[][] row : f) {
            for (double[] x : row) {
                for (int c = 0; c < d; c++) {
                    x[c] = random.nextGaussian();
                }
            }
        }
        double expected = ConLossReference.loss(f, labels, dropsAnchors, tau, 0.07);
        double[][][] gradient = ConLossReference.gradient(f, labels, dropsAnchors, tau, 0.07);
        try (NDManager m = manager.newSubManager()) {
            List<NDArray> parts = groups(m, f);
            for (NDArray p : parts) {
                p.setRequiresGradient(true);
            }
            Optional<NDArray> y = labels == null ? Optional.empty() : Optional.of(m.create(labels));
            float loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray l = ConLoss.loss(m, parts, y, tau, 0.07).loss();
                loss = l.getFloat();
                collector.backward(l);
            }
            assertEquals(expected, loss, 1e-4 * Math.max(1, Math.abs(expected)), "loss");
            for (int g = 0; g < groups; g++) {
                float[] grad = parts.get(g).getGradient().toFloatArray();
                for (int i = 0; i < k; i++) {
                    for (int c = 0; c < d; c++) {
                        assertEquals(gradient[i][g][c], grad[i * d + c], 1e-4,
                                "d loss / d F[" + i + "][" + g + "][" + c + "]");
                    }
                }
            }
        }
        return f;
    }

    private static List<NDArray> groups(NDManager m, double[][][] f) {
        List<NDArray> groups = new ArrayList<>();
        for (int g = 0; g < f[0].length; g++) {
            float[][] rows = new float[f.length][];
            for (int i = 0; i < f.length; i++) {
                rows[i] = new float[f[i][g].length];
                for (int c = 0; c < rows[i].length; c++) {
                    rows[i][c] = (float) f[i][g][c];
                }
            }
            groups.add(m.create(rows));
        }
        return groups;
    }
}
