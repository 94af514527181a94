package contrastlab.plugins.method.moco;

import static contrastlab.plugins.method.common.MethodFixtures.gaussian;
import static contrastlab.plugins.method.common.MethodFixtures.noisy;
import static contrastlab.plugins.method.common.MethodFixtures.numericGradient;
import static contrastlab.plugins.method.common.MethodFixtures.randomDoubles;
import static contrastlab.plugins.method.common.MethodFixtures.toFloat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import contrastlab.api.method.LossResult;
import contrastlab.api.method.MethodContext;
import contrastlab.api.method.MethodPlugin;
import contrastlab.api.nd.Ops;
import contrastlab.plugins.method.common.MethodFixtures;
import contrastlab.plugins.method.common.TestStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class MocoTest {

    private final MocoPlugin plugin = new MocoPlugin();

    @Test
    void isDiscoveredWithContrastive2021Defaults() {
        assertTrue(ServiceLoader.load(MethodPlugin.class).stream().anyMatch(p -> p.type() == MocoPlugin.class));
        assertEquals("moco", plugin.name());
        assertEquals(new MocoParameters(0.1, List.of(512, 128), 0.99, 2, 4096, true, true, true), plugin.defaults());
        assertThrows(IllegalArgumentException.class, () -> params(0, 16, 0.99, 1, true, true, true));
        assertThrows(IllegalArgumentException.class, () -> params(0.1, 0, 0.99, 1, true, true, true));
        assertThrows(IllegalArgumentException.class, () -> params(0.1, 16, 1.5, 1, true, true, true));
        assertThrows(IllegalArgumentException.class, () -> params(0.1, 16, 0.99, 0, true, true, true));
    }

    @Test
    void infoNceMatchesDoublePrecisionWithTheQueueAsNegatives() {
        int n = 3;
        int d = 4;
        int k = 5;
        Random random = new Random(41);
        double[] q = unitRows(randomDoubles(random, n * d, g -> g), d);
        double[] key = unitRows(randomDoubles(random, n * d, g -> g), d);
        double[] queue = unitRows(randomDoubles(random, k * d, g -> g), d);
        float tau = 0.2f;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray qa = m.create(toFloat(q), new Shape(n, d));
            NDArray ka = m.create(toFloat(key), new Shape(n, d));
            NDArray queueArray = m.create(toFloat(queue), new Shape(k, d));
            qa.setRequiresGradient(true);
            ka.setRequiresGradient(true);
            float loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                Moco.Direction out = Moco.infoNce(qa, ka.stopGradient(), queueArray, tau);
                loss = out.loss().getFloat();
                collector.backward(out.loss());
            }
            assertEquals(reference(q, key, queue, n, d, k, tau), loss, 1e-5);
            double[] grad = numericGradient(x -> reference(x, key, queue, n, d, k, tau), q, 1e-6);
            float[] got = qa.getGradient().toFloatArray();
            for (int i = 0; i < got.length; i++) {
                assertEquals(grad[i], got[i], 1e-3, "d/dq " + i);
            }
            assertEquals(0f, ka.getGradient().abs().sum().getFloat(), "keys get no gradient");
        }
    }

    @Test
    void theQueueIsAFifoWithLightlysWrapRule() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray queue = m.arange(0f, 10f).reshape(5, 2);
            NDArray keys = m.arange(100f, 106f).reshape(3, 2);
            // middle: rows 1..3 replaced in order, the rest kept
            assertArrayEquals(new float[] {0, 1, 100, 101, 102, 103, 104, 105, 8, 9},
                    Moco.enqueued(queue, 1, keys).toFloatArray());
            assertEquals(4, Moco.advanced(1, 3, 5));
            // reaching the end: the tail is filled, the remaining key dropped, the pointer restarts at 0
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 100, 101, 102, 103},
                    Moco.enqueued(queue, 3, keys).toFloatArray());
            assertEquals(0, Moco.advanced(3, 3, 5));
            assertEquals(0, Moco.advanced(2, 3, 5), "exactly at the end also restarts");
        }
    }

    @Test
    void initializeCopiesTheQueryAndFreezesTheKeyEncoder() {
        Engine.getInstance().setRandomSeed(42);
        Backbone query = MethodFixtures.mlpBackbone();
        Moco moco = create(params(0.1, 16, 0.99, 2, true, true, true), query, 8);
        try (NDManager root = NDManager.newBaseManager()) {
            query.block().initialize(root, DataType.FLOAT32, new Shape(1, 3, 8, 8));
            moco.initialize(root, DataType.FLOAT32);
            List<Block> owned = new ArrayList<>(moco.block().getChildren().values());
            Block projector = owned.get(0);
            Block keyBackbone = owned.get(1);
            Block keyProjector = owned.get(2);
            assertSameValues(query.block(), keyBackbone);
            assertSameValues(projector, keyProjector);
            keyBackbone.getParameters().values().forEach(p -> assertFalse(p.requiresGradient(), p.getName()));
            keyProjector.getParameters().values().forEach(p -> assertFalse(p.requiresGradient(), p.getName()));
            assertTrue(projector.getParameters().values().stream().allMatch(Parameter::requiresGradient));
            NDArray queue = moco.state().get("queue");
            assertEquals(new Shape(16, 128), queue.getShape());
            float[] norms = queue.square().sum(new int[] {1}).toFloatArray();
            for (float v : norms) {
                assertEquals(1f, v, 1e-5f, "queue rows start as unit vectors");
            }
            assertArrayEquals(new int[] {0, 0}, moco.state().get("queueCursor").toIntArray());
        }
    }

    /**
     * One step with the key encoder equal to the query (no update yet), so each key equals the query of
     * the same view: the symmetric loss must be 1/2 (L(q0, q1, Q) + L(q1, q0, Q')) with Q' the queue
     * after the first direction's keys (lightly) or Q itself (demo); afterwards the queue holds
     * k1 then k0, and no gradient reached the key encoder or the queue.
     */
    @Test
    void aStepScoresBothDirectionsAgainstTheQueueThenEnqueuesTheKeysInOrder() {
        int n = 4;
        for (boolean eachDirection : new boolean[] {true, false}) {
            Engine.getInstance().setRandomSeed(43);
            Backbone query = MethodFixtures.mlpBackbone();
            Moco moco = create(params(0.2, 12, 0.99, 2, true, eachDirection, true), query, n);
            Random random = new Random(44);
            try (NDManager root = NDManager.newBaseManager()) {
                query.block().initialize(root, DataType.FLOAT32, new Shape(1, 3, 8, 8));
                moco.initialize(root, DataType.FLOAT32);
                ParameterStore store = new ParameterStore(root, false);
                double[] initialQueue = toDouble(moco.state().get("queue").toFloatArray());
                try (NDManager m = root.newSubManager()) {
                    Shape shape = new Shape(n, 3, 8, 8);
                    List<NDArray> views = List.of(m.create(gaussian(random, n * 192, 1f), shape),
                            m.create(gaussian(random, n * 192, 1f), shape));
                    Block projector = moco.block().getChildren().values().get(0);
                    double[][] q = new double[2][];
                    float loss;
                    float fill;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        for (int v = 0; v < 2; v++) {
                            NDArray f = query.block().forward(store, new NDList(views.get(v)), true).head();
                            q[v] = toDouble(Ops.l2Normalize(projector.forward(store, new NDList(f), true).head()).toFloatArray());
                        }
                        LossResult result = moco.loss(new TestStep(m, views, Optional.empty(), query.block(), store, true));
                        loss = result.loss().getFloat();
                        fill = result.monitors().get("queue_fill").getFloat();
                        collector.backward(result.loss());
                    }
                    int d = 128;
                    double[] secondQueue = initialQueue.clone();
                    if (eachDirection) {
                        System.arraycopy(q[1], 0, secondQueue, 0, n * d);
                    }
                    double expected = (reference(q[0], q[1], initialQueue, n, d, 12, 0.2f)
                            + reference(q[1], q[0], secondQueue, n, d, 12, 0.2f)) / 2;
                    assertEquals(expected, loss, 1e-4, "enqueueEachDirection=" + eachDirection);
                    assertEquals(0f, fill);
                    for (Block b : List.of(moco.block().getChildren().values().get(1), moco.block().getChildren().values().get(2))) {
                        b.getParameters().values().forEach(p -> assertFalse(p.getArray().hasGradient(), p.getName()));
                    }
                    assertFalse(moco.state().get("queue").hasGradient());

                    moco.afterStep(new TestStep(m, views, Optional.empty(), query.block(), store, false));
                    float[] queue = moco.state().get("queue").toFloatArray();
                    for (int i = 0; i < n * d; i++) {
                        assertEquals(q[1][i], queue[i], 1e-5, "rows 0..n-1 hold k1");
                        assertEquals(q[0][i], queue[n * d + i], 1e-5, "rows n..2n-1 hold k0");
                    }
                    for (int i = 2 * n * d; i < queue.length; i++) {
                        assertEquals(initialQueue[i], queue[i], 0, "the rest is untouched");
                    }
                    assertArrayEquals(new int[] {2 * n, 2 * n}, moco.state().get("queueCursor").toIntArray());
                }
            }
        }
    }

    @Test
    void theKeyEncoderFollowsTheQueryByTheMovingAverage() {
        Engine.getInstance().setRandomSeed(45);
        Backbone query = MethodFixtures.mlpBackbone();
        int n = 4;
        double m = 0.9;
        Moco moco = create(params(0.1, 8, m, 2, false, true, true), query, n);
        Random random = new Random(46);
        try (NDManager root = NDManager.newBaseManager()) {
            query.block().initialize(root, DataType.FLOAT32, new Shape(1, 3, 8, 8));
            moco.initialize(root, DataType.FLOAT32);
            ParameterStore store = new ParameterStore(root, false);
            Block keyBackbone = moco.block().getChildren().values().get(1);
            // move the query away from the key, as an optimizer step would
            List<double[]> keyBefore = new ArrayList<>();
            List<double[]> queryAfter = new ArrayList<>();
            for (Parameter p : query.block().getParameters().values()) {
                p.getArray().addi(p.getArray().getManager().randomNormal(p.getArray().getShape()).mul(0.5f));
                queryAfter.add(toDouble(p.getArray().toFloatArray()));
            }
            for (Parameter p : keyBackbone.getParameters().values()) {
                keyBefore.add(toDouble(p.getArray().toFloatArray()));
            }
            float[] v = gaussian(random, n * 192, 1f);
            // a step with lr 0 leaves the query where it is and runs afterStep
            MethodFixtures.step(root, store, query.block(), moco, v, v, n, 1e-30f);
            List<Parameter> keys = new ArrayList<>(keyBackbone.getParameters().values());
            List<Parameter> queries = new ArrayList<>(query.block().getParameters().values());
            double rate = 1 - m * m;
            for (int i = 0; i < keys.size(); i++) {
                float[] got = keys.get(i).getArray().toFloatArray();
                Parameter.Type type = queries.get(i).getType();
                boolean followed = type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR;
                for (int j = 0; j < got.length; j++) {
                    double before = keyBefore.get(i)[j];
                    double target = queries.get(i).getArray().toFloatArray()[j];
                    double expected = followed ? m * m * before + rate * target : before;
                    assertEquals(expected, got[j], 1e-5 + 1e-5 * Math.abs(expected), keys.get(i).getName() + "[" + j + "]");
                }
            }
        }
    }

    @Test
    void shuffledKeysComeBackInBatchOrderAndSplitBatchNormSeesOtherGroups() {
        int n = 8;
        float[] plain = new float[2];
        float[] split = new float[2];
        for (int shuffle = 0; shuffle < 2; shuffle++) {
            plain[shuffle] = shuffleLoss(MethodFixtures::mlpBackbone, shuffle == 1, n);
            split[shuffle] = shuffleLoss(() -> MethodFixtures.tinyBackbone(2), shuffle == 1, n);
        }
        assertEquals(plain[0], plain[1], 1e-5, "plain BatchNorm: the order of the keys' batch cannot matter");
        assertNotEquals(split[0], split[1], 1e-5, "split BatchNorm: shuffled keys are normalised in other groups");
    }

    private float shuffleLoss(java.util.function.Supplier<Backbone> backbones, boolean shuffle, int n) {
        Engine.getInstance().setRandomSeed(47);
        Backbone query = backbones.get();
        MethodContext context = new MethodContext(query, 2, n, 0, MethodFixtures.IMAGE, backbones);
        Moco moco = (Moco) plugin.create(params(0.2, 8, 0.99, 2, shuffle, true, true), context);
        Random random = new Random(48);
        try (NDManager root = NDManager.newBaseManager()) {
            query.block().initialize(root, DataType.FLOAT32, new Shape(1, 3, 8, 8));
            moco.initialize(root, DataType.FLOAT32);
            float[] v1 = gaussian(random, n * 192, 1f);
            float[] v2 = noisy(random, v1, 0.5f);
            return (float) MethodFixtures.step(root, new ParameterStore(root, false), query.block(), moco, v1, v2, n, 0).loss();
        }
    }

    @Test
    void aFewStepsOnSyntheticDataLowerTheLossAndFillTheQueue() {
        Engine.getInstance().setRandomSeed(49);
        Backbone query = MethodFixtures.mlpBackbone();
        int n = 8;
        Moco moco = create(new MocoParameters(0.2, List.of(32, 16), 0.9, 2, 20, true, true, true), query, n);
        Random random = new Random(50);
        float[] base = gaussian(random, n * 192, 1f);
        try (NDManager root = NDManager.newBaseManager()) {
            query.block().initialize(root, DataType.FLOAT32, new Shape(1, 3, 8, 8));
            moco.initialize(root, DataType.FLOAT32);
            ParameterStore store = new ParameterStore(root, false);
            List<Double> losses = new ArrayList<>();
            List<Double> fills = new ArrayList<>();
            for (int s = 0; s < 8; s++) {
                var out = MethodFixtures.step(root, store, query.block(), moco, noisy(random, base, 0.3f),
                        noisy(random, base, 0.3f), n, 0.1f);
                losses.add(out.loss());
                fills.add(out.monitor("queue_fill"));
            }
            // 16 keys a step into 20 rows: 16, then 4 more (the tail) and a restart
            assertEquals(List.of(0f, 0.8f, 1f, 1f), fills.subList(0, 4).stream().map(Double::floatValue).toList());
            // compared from step 2, the first whose queue holds only real keys (random unit vectors are easy negatives)
            assertTrue((losses.get(6) + losses.get(7)) / 2 < losses.get(2) - 0.3, "loss did not decrease: " + losses);
        }
    }

    private Moco create(MocoParameters parameters, Backbone query, int batch) {
        return (Moco) plugin.create(parameters,
                new MethodContext(query, 2, batch, 0, MethodFixtures.IMAGE, MethodFixtures::mlpBackbone));
    }

    private static MocoParameters params(double tau, int queue, double m, int updates, boolean shuffle,
            boolean eachDirection, boolean symmetric) {
        return new MocoParameters(tau, List.of(16, 128), m, updates, queue, shuffle, eachDirection, symmetric);
    }

    private static void assertSameValues(Block a, Block b) {
        List<Parameter> pa = new ArrayList<>(a.getParameters().values());
        List<Parameter> pb = new ArrayList<>(b.getParameters().values());
        assertEquals(pa.size(), pb.size());
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(pa.get(i).getArray().toFloatArray(), pb.get(i).getArray().toFloatArray(), pa.get(i).getName());
        }
    }

    /** InfoNCE with the positive first, mean over the queries, in double precision. */
    private static double reference(double[] q, double[] key, double[] queue, int n, int d, int k, float tau) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] logits = new double[k + 1];
            logits[0] = dot(q, i, key, i, d) / tau;
            for (int j = 0; j < k; j++) {
                logits[j + 1] = dot(q, i, queue, j, d) / tau;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double l : logits) {
                max = Math.max(max, l);
            }
            double sum = 0;
            for (double l : logits) {
                sum += Math.exp(l - max);
            }
            total += -(logits[0] - max - Math.log(sum));
        }
        return total / n;
    }

    private static double dot(double[] a, int row, double[] b, int rowB, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += a[row * d + i] * b[rowB * d + i];
        }
        return s;
    }

    private static double[] unitRows(double[] x, int d) {
        double[] out = x.clone();
        for (int r = 0; r < x.length / d; r++) {
            double norm = Math.sqrt(dot(x, r, x, r, d));
            for (int i = 0; i < d; i++) {
                out[r * d + i] /= norm;
            }
        }
        return out;
    }

    private static double[] toDouble(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }
}
