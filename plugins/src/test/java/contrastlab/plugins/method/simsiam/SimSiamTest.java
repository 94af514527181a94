package contrastlab.plugins.method.simsiam;

import java.util.Optional;
import static contrastlab.plugins.method.common.MethodFixtures.gaussian;
import static contrastlab.plugins.method.common.MethodFixtures.noisy;
import static contrastlab.plugins.method.common.MethodFixtures.numericGradient;
import static contrastlab.plugins.method.common.MethodFixtures.randomDoubles;
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

class SimSiamTest {

    private static final int N = 5;
    private static final int D = 3;

    private final SimSiamPlugin plugin = new SimSiamPlugin();

    @Test
    void isDiscoveredWithContrastive2021Defaults() {
        assertTrue(ServiceLoader.load(MethodPlugin.class).stream().anyMatch(p -> p.type() == SimSiamPlugin.class));
        assertEquals("simsiam", plugin.name());
        assertEquals(new SimSiamParameters(List.of(2048, 2048), List.of(512, 2048)), plugin.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimSiamParameters(List.of(64, 64), List.of(16, 32)));
        assertTrue(e.getMessage().contains("64"), e.getMessage());
    }

    @Test
    void projectorAndPredictorHaveThePaperLayout() {
        Method method = plugin.create(new SimSiamParameters(List.of(16, 16), List.of(4, 16)), MethodFixtures.mlpContext(2, 8));
        try (NDManager m = NDManager.newBaseManager()) {
            method.initialize(m, DataType.FLOAT32);
            List<Shape> weights = new ArrayList<>();
            int norms = 0;
            int biases = 0;
            for (var p : method.block().getParameters()) {
                Parameter.Type type = p.getValue().getType();
                if (type == Parameter.Type.WEIGHT) {
                    weights.add(p.getValue().getShape());
                }
                norms += type == Parameter.Type.GAMMA ? 1 : 0;
                biases += type == Parameter.Type.BIAS ? 1 : 0;
            }
            assertEquals(List.of(new Shape(16, 32), new Shape(16, 16), new Shape(4, 16), new Shape(16, 4)), weights);
            assertEquals(3, norms, "BN after both projector layers and the predictor's hidden layer");
            assertEquals(1, biases, "only the predictor's output Linear has no BatchNorm after it");
        }
    }

    @Test
    void negativeCosineMatchesDoublePrecisionAndStopsTheGradientAtTheTarget() {
        Random random = new Random(31);
        double[] p = randomDoubles(random, N * D, g -> g);
        double[] z = randomDoubles(random, N * D, g -> g + 0.3);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray pa = m.create(toFloat(p), new Shape(N, D));
            NDArray za = m.create(toFloat(z), new Shape(N, D));
            pa.setRequiresGradient(true);
            za.setRequiresGradient(true);
            float loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray l = SimSiam.negativeCosine(pa, za);
                loss = l.getFloat();
                collector.backward(l);
            }
            assertEquals(reference(p, z), loss, 1e-5);
            double[] grad = numericGradient(x -> reference(x, z), p, 1e-6);
            float[] got = pa.getGradient().toFloatArray();
            for (int i = 0; i < got.length; i++) {
                assertEquals(grad[i], got[i], 1e-4, "d/dp " + i);
            }
            assertEquals(0f, za.getGradient().abs().sum().getFloat(), "the target branch must get no gradient");
        }
    }

    @Test
    void aFewStepsOnSyntheticDataLowerTheLossAndMonitorCollapse() {
        Engine.getInstance().setRandomSeed(32);
        Backbone backbone = MethodFixtures.mlpBackbone();
        int n = 16;
        Method method = plugin.create(new SimSiamParameters(List.of(32, 32), List.of(8, 32)), MethodFixtures.mlpContext(2, n));
        Random random = new Random(33);
        float[] base = gaussian(random, n * MethodFixtures.IMAGE.size(), 1f);
        List<LossValues> steps = MethodFixtures.train(backbone, method, n, 10,
                s -> List.of(noisy(random, base, 0.3f), noisy(random, base, 0.3f)), Optional.empty(), 0.1f);
        double initial = steps.get(0).loss();
        assertTrue(initial > -1 && initial < 0.5, "initial loss " + initial);
        assertTrue(MethodFixtures.meanLoss(steps, 8, 10) < initial - 0.1, "loss did not decrease: " + steps);
        double zStd = steps.get(9).monitor("z_std");
        // not collapsed: of the order of 1/sqrt(32) = 0.18
        assertTrue(zStd > 0.05 && zStd < 0.5, "z_std " + zStd);
    }

    /** {@code -mean_n cos(p_n, z_n)} in double precision. */
    private static double reference(double[] p, double[] z) {
        double sum = 0;
        for (int n = 0; n < N; n++) {
            double dot = 0;
            double pp = 0;
            double zz = 0;
            for (int d = 0; d < D; d++) {
                dot += p[n * D + d] * z[n * D + d];
                pp += p[n * D + d] * p[n * D + d];
                zz += z[n * D + d] * z[n * D + d];
            }
            sum += dot / Math.sqrt(pp * zz);
        }
        return -sum / N;
    }
}
