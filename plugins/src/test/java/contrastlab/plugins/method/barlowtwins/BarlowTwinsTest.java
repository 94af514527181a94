package contrastlab.plugins.method.barlowtwins;

import java.util.Optional;
import static contrastlab.plugins.method.common.MethodFixtures.gaussian;
import static contrastlab.plugins.method.common.MethodFixtures.noisy;
import static contrastlab.plugins.method.common.MethodFixtures.numericGradient;
import static contrastlab.plugins.method.common.MethodFixtures.randomDoubles;
import static contrastlab.plugins.method.common.MethodFixtures.slice;
import static contrastlab.plugins.method.common.MethodFixtures.toFloat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.method.Method;
import contrastlab.api.method.MethodPlugin;
import contrastlab.plugins.method.common.MethodFixtures;
import contrastlab.plugins.method.common.MethodFixtures.LossValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class BarlowTwinsTest {

    private static final int N = 6;
    private static final int D = 4;

    private final BarlowTwinsPlugin plugin = new BarlowTwinsPlugin();

    @Test
    void isDiscoveredWithContrastive2021Defaults() {
        assertTrue(ServiceLoader.load(MethodPlugin.class).stream().anyMatch(p -> p.type() == BarlowTwinsPlugin.class));
        assertEquals("barlow-twins", plugin.name());
        assertEquals(new BarlowTwinsParameters(List.of(2048, 2048, 2048), 5e-3, 1.0), plugin.defaults());
        assertThrows(IllegalArgumentException.class, () -> new BarlowTwinsParameters(List.of(8), -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new BarlowTwinsParameters(List.of(8), 5e-3, 0));
        assertThrows(IllegalArgumentException.class, () -> plugin.create(plugin.defaults(), MethodFixtures.context(32, 3, 8, 1)));
    }

    @Test
    void projectorHasABatchNormAfterEveryLayer() {
        Method method = plugin.create(new BarlowTwinsParameters(List.of(16, 16, 8), 5e-3, 1), MethodFixtures.context(32, 2, 8, 1));
        try (NDManager m = NDManager.newBaseManager()) {
            method.initialize(m, DataType.FLOAT32);
            List<Shape> weights = new ArrayList<>();
            int norms = 0;
            for (var p : method.block().getParameters()) {
                if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                    weights.add(p.getValue().getShape());
                }
                norms += p.getValue().getType() == Parameter.Type.GAMMA ? 1 : 0;
            }
            assertEquals(List.of(new Shape(16, 32), new Shape(16, 16), new Shape(8, 16)), weights);
            assertEquals(3, norms);
            assertTrue(method.block().getChildren().values().stream().anyMatch(b -> b instanceof BatchNorm));
        }
    }

    @Test
    void lossAndGradientsMatchADoublePrecisionComputation() {
        Random random = new Random(11);
        double[] za = randomDoubles(random, N * D, g -> 0.5 + g);
        double[] zb = randomDoubles(random, N * D, g -> g * 2);
        // correlate the views a little so that the diagonal is not near zero
        for (int i = 0; i < za.length; i++) {
            zb[i] += za[i];
        }
        double lambda = 0.3;
        double expected = reference(za, zb, lambda);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(toFloat(za), new Shape(N, D));
            NDArray b = m.create(toFloat(zb), new Shape(N, D));
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            float loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray l = BarlowTwins.objective(BarlowTwins.terms(a, b), (float) lambda, 1f);
                loss = l.getFloat();
                collector.backward(l);
            }
            assertEquals(expected, loss, 1e-4 * Math.abs(expected));
            double[] both = concat(za, zb);
            double[] grad = numericGradient(x -> reference(slice(x, 0, N * D), slice(x, N * D, 2 * N * D), lambda), both, 1e-6);
            float[] ga = a.getGradient().toFloatArray();
            float[] gb = b.getGradient().toFloatArray();
            for (int i = 0; i < N * D; i++) {
                assertEquals(grad[i], ga[i], 1e-3 + 1e-3 * Math.abs(grad[i]), "d/dza " + i);
                assertEquals(grad[N * D + i], gb[i], 1e-3 + 1e-3 * Math.abs(grad[N * D + i]), "d/dzb " + i);
            }
            // scale multiplies the whole loss; identical views decorrelated per dimension give C = I on the diagonal
            BarlowTwins.Terms terms = BarlowTwins.terms(a, b);
            assertEquals(0.025f * BarlowTwins.objective(terms, (float) lambda, 1f).getFloat(),
                    BarlowTwins.objective(terms, (float) lambda, 0.025f).getFloat(), 1e-6);
            float[] diag = BarlowTwins.terms(a, a).diagonal().toFloatArray();
            for (float v : diag) {
                assertEquals((N - 1.0) / N, v, 1e-5, "unbiased std: C_ii = (N-1)/N for identical views");
            }
        }
    }

    @Test
    void aFewStepsOnSyntheticDataLowerTheLoss() {
        Engine.getInstance().setRandomSeed(21);
        Backbone backbone = MethodFixtures.mlpBackbone();
        int n = 16;
        Method method = plugin.create(new BarlowTwinsParameters(List.of(32, 32), 5e-3, 1), MethodFixtures.mlpContext(2, n));
        Random random = new Random(22);
        float[] base = gaussian(random, n * MethodFixtures.IMAGE.size(), 1f);
        List<LossValues> steps = MethodFixtures.train(backbone, method, n, 10,
                s -> List.of(noisy(random, base, 0.3f), noisy(random, base, 0.3f)), Optional.empty(), 0.05f);
        assertTrue(MethodFixtures.meanLoss(steps, 8, 10) < steps.get(0).loss() * 0.8, "loss did not decrease: " + steps);
        LossValues last = steps.get(9);
        double zStd = last.monitor("z_std");
        assertTrue(zStd > 0 && zStd < 1, "z_std " + zStd);
        assertTrue(last.monitor("cc_diag") > 0 && last.monitor("cc_diag") <= 1, "cc_diag " + last.monitor("cc_diag"));
        assertTrue(last.monitor("cc_offdiag_rms") >= 0, "cc_offdiag_rms " + last.monitor("cc_offdiag_rms"));
    }

    /** Barlow Twins in double precision, written from lightly's definition. */
    private static double reference(double[] za, double[] zb, double lambda) {
        double[] a = standardize(za);
        double[] b = standardize(zb);
        double loss = 0;
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                double c = 0;
                for (int n = 0; n < N; n++) {
                    c += a[n * D + i] * b[n * D + j];
                }
                c /= N;
                loss += i == j ? (1 - c) * (1 - c) : lambda * c * c;
            }
        }
        return loss;
    }

    private static double[] standardize(double[] z) {
        double[] out = new double[z.length];
        for (int d = 0; d < D; d++) {
            double mean = 0;
            for (int n = 0; n < N; n++) {
                mean += z[n * D + d] / N;
            }
            double ss = 0;
            for (int n = 0; n < N; n++) {
                ss += (z[n * D + d] - mean) * (z[n * D + d] - mean);
            }
            double std = Math.sqrt(ss / (N - 1));
            for (int n = 0; n < N; n++) {
                out[n * D + d] = (z[n * D + d] - mean) / std;
            }
        }
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
