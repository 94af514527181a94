package contrastlab.plugins.backbone.resnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.dataset.ImageShape;
import contrastlab.api.nd.AbstractBatchNorm;
import contrastlab.api.nd.FreezableBatchNorm;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SplitBatchNormTest {

    private static final int N = 8;
    private static final int C = 3;
    private static final int HW = 4;
    private static final int K = 4;

    @Test
    void trainingNormalisesEachGroupWithItsOwnStatisticsAndUpdatesTheRunningMeans() {
        double[] x = random(new Random(1), N * C * HW, 2.0, 1.5);
        double[] gamma = {0.5, 1.5, -1.0};
        double[] beta = {0.1, -0.2, 0.3};
        Block bn = Layers.batchNorm(K);
        try (NDManager m = NDManager.newBaseManager()) {
            bn.initialize(m, DataType.FLOAT32, new Shape(N, C, 2, 2));
            bn.getParameters().get("gamma").getArray().set(toFloat(gamma));
            bn.getParameters().get("beta").getArray().set(toFloat(beta));
            NDArray input = m.create(toFloat(x), new Shape(N, C, 2, 2));
            float[] y;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = bn.forward(new ParameterStore(m, false), new NDList(input), true).head();
                y = out.toFloatArray();
                collector.backward(out.sum());
            }
            double[] groupMeanAverage = new double[C];
            double[] groupVarAverage = new double[C];
            for (int g = 0; g < K; g++) {
                for (int c = 0; c < C; c++) {
                    // group g = images n with n mod K == g, statistics over its images and pixels (biased variance)
                    double sum = 0;
                    double sq = 0;
                    int count = 0;
                    for (int n = g; n < N; n += K) {
                        for (int p = 0; p < HW; p++) {
                            double v = x[(n * C + c) * HW + p];
                            sum += v;
                            sq += v * v;
                            count++;
                        }
                    }
                    double mean = sum / count;
                    double var = sq / count - mean * mean;
                    groupMeanAverage[c] += mean / K;
                    groupVarAverage[c] += var / K;
                    for (int n = g; n < N; n += K) {
                        for (int p = 0; p < HW; p++) {
                            int i = (n * C + c) * HW + p;
                            double expected = (x[i] - mean) / Math.sqrt(var + Layers.BN_EPSILON) * gamma[c] + beta[c];
                            assertEquals(expected, y[i], 1e-4, "element " + i);
                        }
                    }
                }
            }
            // the group average of the running statistics moves as PyTorch's SplitBatchNorm's single vector
            float[] runningMean = bn.getParameters().get("runningMean").getArray().toFloatArray();
            float[] runningVar = bn.getParameters().get("runningVar").getArray().toFloatArray();
            assertEquals(K * C, runningMean.length);
            for (int c = 0; c < C; c++) {
                double mean = 0;
                double var = 0;
                for (int g = 0; g < K; g++) {
                    mean += runningMean[g * C + c] / (double) K;
                    var += runningVar[g * C + c] / (double) K;
                }
                assertEquals(0.1 * groupMeanAverage[c], mean, 1e-5);
                assertEquals(0.9 + 0.1 * groupVarAverage[c], var, 1e-5);
            }
            // gamma's gradient sums over the groups: d sum(y) / d gamma = sum of normalised values = 0
            assertEquals(0f, bn.getParameters().get("gamma").getArray().getGradient().abs().sum().getFloat(), 1e-3f);
            assertEquals((float) N * HW, bn.getParameters().get("beta").getArray().getGradient().getFloat(0), 1e-3f);
        }
    }

    @Test
    void inferenceUsesTheGroupAverageOfTheRunningStatistics() {
        Block bn = Layers.batchNorm(2);
        try (NDManager m = NDManager.newBaseManager()) {
            bn.initialize(m, DataType.FLOAT32, new Shape(3, 1, 1, 1));
            bn.getParameters().get("runningMean").getArray().set(new float[] {1f, 3f});
            bn.getParameters().get("runningVar").getArray().set(new float[] {2f, 6f});
            NDArray x = m.create(new float[] {2f, 6f, -2f}, new Shape(3, 1, 1, 1));
            // an odd batch is fine in inference; mean 2, variance 4
            float[] y = bn.forward(new ParameterStore(m, false), new NDList(x), false).head().toFloatArray();
            double sd = Math.sqrt(4 + Layers.BN_EPSILON);
            assertEquals(0.0, y[0], 1e-5);
            assertEquals(4 / sd, y[1], 1e-5);
            assertEquals(-4 / sd, y[2], 1e-5);
        }
    }

    @Test
    void frozenInATrainingStepItNormalisesAsInferenceAndTrainsOnlyGammaAndBeta() {
        Block bn = Layers.batchNorm(2);
        try (NDManager m = NDManager.newBaseManager()) {
            bn.initialize(m, DataType.FLOAT32, new Shape(4, 2, 2, 2));
            bn.getParameters().get("runningMean").getArray().set(new float[] {1f, -1f, 3f, 0f});
            bn.getParameters().get("runningVar").getArray().set(new float[] {2f, 1f, 6f, 3f});
            bn.getParameters().get("gamma").getArray().set(new float[] {0.5f, 2f});
            bn.getParameters().get("beta").getArray().set(new float[] {0.1f, -0.3f});
            NDArray x = m.randomNormal(new Shape(4, 2, 2, 2));
            float[] inference = bn.forward(new ParameterStore(m, false), new NDList(x), false).head().toFloatArray();
            // a whole ResNet with splits is freezable, so finetune keeps it on the fast training path
            Backbone split = new ResNetPlugin().create(new ResNetParameters(18, "cifar", 4, false, 8),
                    new ImageShape(3, 8, 8));
            assertTrue(AbstractBatchNorm.freezeAll(split.block(), true));
            assertTrue(AbstractBatchNorm.freezeAll(bn, true));
            float[] frozen;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = bn.forward(new ParameterStore(m, false), new NDList(x), true).head();
                frozen = out.toFloatArray();
                collector.backward(out.mul(out).sum());
            }
            for (int i = 0; i < inference.length; i++) {
                assertEquals(inference[i], frozen[i], 1e-5, "element " + i);
            }
            assertArrayEquals(new float[] {1f, -1f, 3f, 0f},
                    bn.getParameters().get("runningMean").getArray().toFloatArray());
            assertArrayEquals(new float[] {2f, 1f, 6f, 3f},
                    bn.getParameters().get("runningVar").getArray().toFloatArray());
            assertTrue(bn.getParameters().get("gamma").getArray().getGradient().abs().sum().getFloat() > 0);
            assertTrue(bn.getParameters().get("beta").getArray().getGradient().abs().sum().getFloat() > 0);
        }
    }

    @Test
    void oneSplitIsThePlainBatchNormAndABadBatchIsRejected() {
        assertInstanceOf(FreezableBatchNorm.class, Layers.batchNorm(1));
        assertThrows(IllegalArgumentException.class, () -> new ResNetParameters(18, "cifar", 4, false, 0));
        Block bn = Layers.batchNorm(4);
        try (NDManager m = NDManager.newBaseManager()) {
            bn.initialize(m, DataType.FLOAT32, new Shape(4, 2, 1, 1));
            NDArray x = m.ones(new Shape(6, 2, 1, 1));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> bn.forward(new ParameterStore(m, false), new NDList(x), true));
                assertTrue(e.getMessage().contains("divisible by 4"), e.getMessage());
            }
        }
    }

    @Test
    void aResNetWithSplitsUsesThemInEveryNormAndKeepsItsTrainableSize() {
        ImageShape image = new ImageShape(3, 8, 8);
        Backbone plain = new ResNetPlugin().create(new ResNetParameters(18, "cifar", 4, false), image);
        Backbone split = new ResNetPlugin().create(new ResNetParameters(18, "cifar", 4, false, 8), image);
        try (NDManager m = NDManager.newBaseManager()) {
            plain.block().initialize(m, DataType.FLOAT32, new Shape(8, 3, 8, 8));
            split.block().initialize(m, DataType.FLOAT32, new Shape(8, 3, 8, 8));
            long plainTrainable = 0;
            long splitTrainable = 0;
            int norms = 0;
            for (Parameter p : plain.block().getParameters().values()) {
                plainTrainable += p.requiresGradient() ? p.getShape().size() : 0;
            }
            for (var p : split.block().getParameters()) {
                splitTrainable += p.getValue().requiresGradient() ? p.getValue().getShape().size() : 0;
                if (p.getValue().getType() == Parameter.Type.RUNNING_MEAN) {
                    Parameter gamma = split.block().getParameters().get(p.getKey().replace("runningMean", "gamma"));
                    assertEquals(8 * gamma.getShape().size(), p.getValue().getShape().size(), p.getKey());
                    norms++;
                }
            }
            assertEquals(plainTrainable, splitTrainable);
            assertEquals(1 + 8 * 2 + 3, norms, "stem, two per unit, three projection shortcuts");
            NDArray x = m.randomNormal(new Shape(16, 3, 8, 8));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray f = split.block().forward(new ParameterStore(m, false), new NDList(x), true).head();
                assertEquals(new Shape(16, split.featureDim()), f.getShape());
                collector.backward(f.sum());
            }
            NDArray f = split.block().forward(new ParameterStore(m, false), new NDList(x.get("0:3")), false).head();
            assertEquals(new Shape(3, split.featureDim()), f.getShape());
        }
    }

    private static double[] random(Random random, int size, double mean, double sd) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = mean + sd * random.nextGaussian() + (i % 7) * 0.1;
        }
        return x;
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}
