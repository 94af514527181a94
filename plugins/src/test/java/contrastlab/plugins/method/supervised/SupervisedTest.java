package contrastlab.plugins.method.supervised;

import contrastlab.plugins.method.common.MethodFixtures;
import contrastlab.plugins.method.common.MethodFixtures.LossValues;
import static contrastlab.plugins.method.common.ExitFixtures.context;
import static contrastlab.plugins.method.common.ExitFixtures.exitBackbone;
import static contrastlab.plugins.method.common.MethodFixtures.IMAGE;
import static contrastlab.plugins.method.common.MethodFixtures.noisy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.method.LossResult;
import contrastlab.api.method.Method;
import contrastlab.plugins.method.common.ExitFixtures;
import contrastlab.plugins.method.common.TestStep;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SupervisedTest {

    private final SupervisedPlugin plugin = new SupervisedPlugin();

    @Test
    void needsLabelsAndClasses() {
        assertTrue(plugin.needsLabels(plugin.defaults()));
        assertEquals(new SupervisedParameters(0.0), plugin.defaults());
        assertThrows(IllegalArgumentException.class, () -> plugin.create(plugin.defaults(), context(exitBackbone(), 1, 8, 0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plugin.create(new SupervisedParameters(1.0), context(exitBackbone(), 1, 8, 4)));
        assertTrue(e.getMessage().contains("exits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SupervisedParameters(-1));
    }

    /**
     * The loss is the mean cross-entropy of the classifier's logits over both views (labels repeated),
     * plus exitWeight times the exit classifier's; train_acc is the backbone classifier's batch accuracy.
     */
    @Test
    void crossEntropyOfEveryViewAndWeightedExits() {
        Engine.getInstance().setRandomSeed(4);
        int n = 5;
        int classes = 3;
        int[] labels = {0, 2, 1, 1, 0};
        Backbone backbone = exitBackbone(16);
        Method method = plugin.create(new SupervisedParameters(0.5), context(backbone, 2, n, classes));
        Random random = new Random(6);
        try (NDManager root = NDManager.newBaseManager()) {
            backbone.block().initialize(root, DataType.FLOAT32, new Shape(2 * n, 3, 8, 8));
            method.initialize(root, DataType.FLOAT32);
            ParameterStore store = new ParameterStore(root, false);
            try (NDManager m = root.newSubManager()) {
                float[] a = ExitFixtures.images(random, n, classes);
                float[] b = ExitFixtures.images(random, n, classes);
                List<NDArray> views = List.of(m.create(a, new Shape(n, 3, 8, 8)), m.create(b, new Shape(n, 3, 8, 8)));
                LossResult result = method.loss(new TestStep(m, views, Optional.of(m.create(labels)), backbone.block(),
                        store, false));

                float[] both = new float[2 * n * IMAGE.size()];
                System.arraycopy(a, 0, both, 0, a.length);
                System.arraycopy(b, 0, both, a.length, b.length);
                NDList out = backbone.block().forward(store, new NDList(m.create(both, new Shape(2 * n, 3, 8, 8))), false);
                float[] logits = child(method.block(), "classifier").forward(store, new NDList(out.get(0)), false)
                        .head().toFloatArray();
                float[] exitLogits = child(method.block(), "exit1Classifier").forward(store, new NDList(out.get(1)), false)
                        .head().toFloatArray();
                double expected = crossEntropy(logits, labels, classes) + 0.5 * crossEntropy(exitLogits, labels, classes);
                assertEquals(expected, result.loss().getFloat(), 1e-5);
                assertEquals(accuracy(logits, labels, classes), result.monitors().get("train_acc").getFloat(), 1e-6);
            }
        }
    }

    @Test
    void sgdStepsLowerTheLoss() {
        Engine.getInstance().setRandomSeed(5);
        int n = 16;
        Backbone backbone = exitBackbone();
        Method method = plugin.create(plugin.defaults(), context(backbone, 1, n, 4));
        Random random = new Random(8);
        float[] base = ExitFixtures.images(random, n, 4);
        int[] labels = ExitFixtures.labels(n, 4);
        List<LossValues> steps = MethodFixtures.train(backbone, method, n, 6, s -> List.of(noisy(random, base, 0.3f)),
                Optional.of(labels), 0.05f);
        assertTrue(MethodFixtures.meanLoss(steps, 4, 6) < MethodFixtures.meanLoss(steps, 0, 2) - 0.1,
                "loss did not decrease: " + steps);
    }

    /** Mean over the rows (label i % n of row i) of -log softmax(row)[label], in doubles. */
    private static double crossEntropy(float[] logits, int[] labels, int classes) {
        int rows = logits.length / classes;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[r * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[r * classes + c] - max);
            }
            total -= logits[r * classes + labels[r % labels.length]] - max - Math.log(sum);
        }
        return total / rows;
    }

    private static double accuracy(float[] logits, int[] labels, int classes) {
        int rows = logits.length / classes;
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (logits[r * classes + c] > logits[r * classes + best]) {
                    best = c;
                }
            }
            correct += best == labels[r % labels.length] ? 1 : 0;
        }
        return (double) correct / rows;
    }

    private static Block child(Block parent, String name) {
        for (Pair<String, Block> c : parent.getChildren()) {
            if (c.getKey().replaceFirst("^\\d+", "").equals(name)) {
                return c.getValue();
            }
        }
        throw new AssertionError("no child " + name);
    }
}
