package contrastlab.plugins.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import contrastlab.api.nd.AbstractBatchNorm;
import contrastlab.api.nd.FreezableBatchNorm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FreezableBatchNormTest {

    private static final Shape SHAPE = new Shape(4, 3, 2, 2);
    private static final float EPS = 1e-3f;
    private static final float MOMENTUM = 0.9f;
    private static final float[] GAMMA = {0.5f, 1.5f, -1f};
    private static final float[] BETA = {0.1f, -0.2f, 0.3f};
    private static final float[] MEAN = {1f, -0.5f, 2f};
    private static final float[] VAR = {0.25f, 4f, 1f};

    @Test
    void unfrozenItIsDjlsBatchNormInBothModesAndReadsItsCheckpoints() throws Exception {
        float[] x = random(new Random(3), (int) SHAPE.size());
        try (NDManager m = NDManager.newBaseManager()) {
            BatchNorm reference = BatchNorm.builder().optEpsilon(EPS).optMomentum(MOMENTUM).build();
            reference.initialize(m, DataType.FLOAT32, SHAPE);
            set(reference, GAMMA, BETA, MEAN, VAR);
            FreezableBatchNorm norm = new FreezableBatchNorm(EPS, MOMENTUM);
            norm.initialize(m, DataType.FLOAT32, SHAPE);
            load(norm, save(reference), m);
            assertArrayEquals(VAR, norm.getParameters().get("runningVar").getArray().toFloatArray());

            NDArray input = m.create(x, SHAPE);
            assertArrayEquals(forward(reference, input, false), forward(norm, input, false), 1e-6f);
            assertArrayEquals(forward(reference, input, true), forward(norm, input, true), 1e-5f);
            // MXNet updates the running statistics in backward, for both the same way
            assertArrayEquals(reference.getParameters().get("runningMean").getArray().toFloatArray(),
                    norm.getParameters().get("runningMean").getArray().toFloatArray(), 1e-6f);
            assertFalse(Arrays.equals(MEAN, norm.getParameters().get("runningMean").getArray().toFloatArray()));

            BatchNorm back = BatchNorm.builder().optEpsilon(EPS).optMomentum(MOMENTUM).build();
            back.initialize(m, DataType.FLOAT32, SHAPE);
            load(back, save(norm), m);
            assertArrayEquals(forward(norm, input, false), forward(back, input, false), 1e-6f);
        }
    }

    @Test
    void frozenInTrainingModeItNormalisesWithTheRunningStatisticsKeepsThemAndTrainsGammaAndBeta() {
        frozenStep(SHAPE); // images: the depthwise-convolution path
        frozenStep(new Shape(4, 3)); // vectors: the broadcast path
    }

    private static void frozenStep(Shape shape) {
        float[] x = random(new Random(5), (int) shape.size());
        float[] weights = random(new Random(6), (int) shape.size());
        long spatial = shape.size() / (shape.get(0) * shape.get(1));
        try (NDManager m = NDManager.newBaseManager()) {
            FreezableBatchNorm norm = new FreezableBatchNorm(EPS, MOMENTUM);
            norm.initialize(m, DataType.FLOAT32, shape);
            set(norm, GAMMA, BETA, MEAN, VAR);
            norm.setFrozen(true);
            NDArray input = m.create(x, shape);
            input.setRequiresGradient(true);
            float[] y;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = norm.forward(new ParameterStore(m, false), new NDList(input), true).head();
                y = out.toFloatArray();
                collector.backward(out.mul(m.create(weights, shape)).sum());
            }
            float[] gammaGradient = new float[3];
            float[] betaGradient = new float[3];
            float[] inputGradient = input.getGradient().toFloatArray();
            for (int i = 0; i < x.length; i++) {
                int c = (int) ((i / spatial) % 3);
                double invStd = 1 / Math.sqrt(VAR[c] + EPS);
                double normalised = (x[i] - MEAN[c]) * invStd;
                assertEquals(GAMMA[c] * normalised + BETA[c], y[i], 1e-5);
                assertEquals(GAMMA[c] * invStd * weights[i], inputGradient[i], 1e-5);
                gammaGradient[c] += (float) (normalised * weights[i]);
                betaGradient[c] += weights[i];
            }
            assertArrayEquals(gammaGradient, norm.getParameters().get("gamma").getArray().getGradient().toFloatArray(),
                    1e-4f);
            assertArrayEquals(betaGradient, norm.getParameters().get("beta").getArray().getGradient().toFloatArray(),
                    1e-4f);
            assertArrayEquals(MEAN, norm.getParameters().get("runningMean").getArray().toFloatArray());
            assertArrayEquals(VAR, norm.getParameters().get("runningVar").getArray().toFloatArray());
        }
    }

    /** A frozen step creates nothing in the parameters' long-lived manager (it would leak every step). */
    @Test
    void aFrozenStepLeavesTheParametersManagerAlone() {
        try (NDManager parameters = NDManager.newBaseManager(); NDManager step = NDManager.newBaseManager()) {
            FreezableBatchNorm norm = new FreezableBatchNorm(EPS, MOMENTUM);
            norm.initialize(parameters, DataType.FLOAT32, SHAPE);
            norm.setFrozen(true);
            parameters.cap();
            for (Shape shape : List.of(SHAPE, new Shape(4, 3))) {
                NDArray input = step.create(random(new Random(7), (int) shape.size()), shape);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray out = norm.forward(new ParameterStore(step, false), new NDList(input), true).head();
                    collector.backward(out.sum());
                }
            }
        }
    }

    @Test
    void freezeAllReportsStatisticsOrDropoutItCannotFreeze() {
        FreezableBatchNorm first = new FreezableBatchNorm(EPS, MOMENTUM);
        FreezableBatchNorm nested = new FreezableBatchNorm(EPS, MOMENTUM);
        Block freezable = new SequentialBlock().add(Linear.builder().setUnits(3).build()).add(first)
                .add(new SequentialBlock().add(nested));
        assertTrue(AbstractBatchNorm.freezeAll(freezable, true));
        assertTrue(first.isFrozen() && nested.isFrozen());
        assertTrue(AbstractBatchNorm.freezeAll(freezable, false));
        assertFalse(first.isFrozen() || nested.isFrozen());

        Block djl = new SequentialBlock().add(new FreezableBatchNorm(EPS, MOMENTUM))
                .add(new SequentialBlock().add(BatchNorm.builder().build()));
        assertFalse(AbstractBatchNorm.freezeAll(djl, true));
        Block dropout = new SequentialBlock().add(new FreezableBatchNorm(EPS, MOMENTUM)).add(Dropout.builder().build());
        assertFalse(AbstractBatchNorm.freezeAll(dropout, true));
    }

    private static float[] forward(Block block, NDArray input, boolean training) {
        ParameterStore store = new ParameterStore(input.getManager(), false);
        if (!training) {
            return block.forward(store, new NDList(input), false).head().toFloatArray();
        }
        // a loaded block's parameters carry no gradient: the input's puts the step in the graph
        input.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray out = block.forward(store, new NDList(input), true).head();
            collector.backward(out.sum());
            return out.toFloatArray();
        }
    }

    private static void set(Block block, float[] gamma, float[] beta, float[] mean, float[] var) {
        block.getParameters().get("gamma").getArray().set(gamma);
        block.getParameters().get("beta").getArray().set(beta);
        block.getParameters().get("runningMean").getArray().set(mean);
        block.getParameters().get("runningVar").getArray().set(var);
    }

    private static byte[] save(Block block) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    private static void load(Block block, byte[] bytes, NDManager manager) throws Exception {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            block.loadParameters(manager, in);
        }
    }

    private static float[] random(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
