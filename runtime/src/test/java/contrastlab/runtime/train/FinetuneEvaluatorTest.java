package contrastlab.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import contrastlab.api.augment.Augmentation;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import contrastlab.api.evaluate.EvaluationContext;
import contrastlab.api.evaluate.Evaluator;
import contrastlab.api.evaluate.EvaluatorPlugin;
import contrastlab.api.evaluate.FeatureSet;
import contrastlab.plugins.backbone.resnet.ResNetParameters;
import contrastlab.plugins.backbone.resnet.ResNetPlugin;
import contrastlab.plugins.dataset.synthetic.SyntheticDatasetPlugin;
import contrastlab.plugins.dataset.synthetic.SyntheticParameters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The {@code finetune} evaluator on a real engine: a small ResNet copy and synthetic images, and the
 * inference-mode gradient collector its frozen BatchNorm relies on.
 */
class FinetuneEvaluatorTest {

    /** BatchNorm in inference mode is the affine map of its running statistics, and so is its gradient. */
    @Test
    void inferenceModeCollectorGivesTheFrozenBatchNormGradientAndKeepsItsStatistics() {
        try (NDManager m = NDManager.newBaseManager()) {
            BatchNorm bn = BatchNorm.builder().build();
            bn.initialize(m, DataType.FLOAT32, new Shape(4, 3));
            float[] gamma = {2f, 3f, 0.5f};
            float[] mean = {1f, -1f, 0.5f};
            float[] var = {4f, 0.25f, 1f};
            bn.getParameters().get("gamma").getArray().set(gamma);
            bn.getParameters().get("beta").getArray().set(new float[] {0.1f, -0.2f, 0.3f});
            bn.getParameters().get("runningMean").getArray().set(mean);
            bn.getParameters().get("runningVar").getArray().set(var);
            NDArray x = m.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new Shape(4, 3));
            x.setRequiresGradient(true);
            float[] w = {1, -1, 2, 0.5f, 3, -2, 1, 1, 1, -1, 0.5f, 2};
            try (GradientCollector collector = new InferenceModeCollector()) {
                NDArray y = bn.forward(new ParameterStore(m, false), new NDList(x), false).head();
                collector.backward(y.mul(m.create(w, new Shape(4, 3))).sum());
            }
            float[] dx = new float[12];
            float[] dgamma = new float[3];
            float[] xs = x.toFloatArray();
            for (int i = 0; i < 12; i++) {
                int c = i % 3;
                double s = 1 / Math.sqrt(var[c] + 1e-5);
                dx[i] = (float) (gamma[c] * s * w[i]);
                dgamma[c] += (float) (w[i] * (xs[i] - mean[c]) * s);
            }
            assertArrayEquals(dx, x.getGradient().toFloatArray(), 1e-4f);
            assertArrayEquals(dgamma, bn.getParameters().get("gamma").getArray().getGradient().toFloatArray(), 1e-3f);
            assertArrayEquals(mean, bn.getParameters().get("runningMean").getArray().toFloatArray());
            assertArrayEquals(var, bn.getParameters().get("runningVar").getArray().toFloatArray());
        }
    }

    /** A context over synthetic images with fresh small ResNets as the "copies", which it keeps for inspection. */
    private static final class Context implements EvaluationContext {
        final NDManager manager = NDManager.newBaseManager();
        final List<Backbone> copies = new ArrayList<>();
        final Map<String, ImageDataset> splits = new LinkedHashMap<>();
        final ImageShape shape = new ImageShape(3, 8, 8);
        /** Appends an identity Dropout, which only an inference-mode forward can switch off. */
        final boolean withDropout;

        Context() throws IOException {
            this(false);
        }

        Context(boolean withDropout) throws IOException {
            this.withDropout = withDropout;
            SyntheticParameters data = new SyntheticParameters(160, 64, 4, 3, 8, 8, 3L, true);
            splits.put("train", new SyntheticDatasetPlugin().open(data, "train"));
            splits.put("test", new SyntheticDatasetPlugin().open(data, "test"));
        }

        @Override
        public NDManager manager() {
            return manager;
        }

        @Override
        public FeatureSet features(String split) {
            throw new UnsupportedOperationException("finetune reads images");
        }

        @Override
        public Backbone backboneCopy(NDManager target) {
            Engine.getInstance().setRandomSeed(11);
            Backbone copy = new ResNetPlugin().create(new ResNetParameters(18, "cifar", 4, true), shape);
            // on the test's manager rather than the evaluator's, so the trained copy can be inspected afterwards
            if (withDropout) {
                copy = new Backbone(new SequentialBlock().add(copy.block()).add(Dropout.builder().optRate(0f).build()),
                        copy.featureDim());
            }
            copy.block().initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8, 8));
            copies.add(copy);
            return copy;
        }

        @Override
        public ImageDataset dataset(String split) {
            return splits.get(split);
        }

        @Override
        public Augmentation evalTransform() {
            return (image, random) -> image;
        }

        @Override
        public GradientCollector newInferenceModeCollector() {
            return new InferenceModeCollector();
        }

        @Override
        public long seed() {
            return 5;
        }

        @Override
        public int epoch() {
            return 0;
        }
    }

    @SuppressWarnings("unchecked")
    private static Evaluator finetune(String batchNorm) {
        EvaluatorPlugin<Object> plugin = (EvaluatorPlugin<Object>) ServiceLoader.load(EvaluatorPlugin.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("finetune")).findFirst().orElseThrow();
        String yaml = "{fraction: 0.5, validationFraction: 0.25, warmupEpochs: 2, warmupLr: 0.01, epochs: 2, lr: 0.001, "
                + "batchSize: 32, patience: 2, batchNorm: " + batchNorm + "}";
        return plugin.create(bind(plugin, yaml));
    }

    private static Object bind(EvaluatorPlugin<Object> plugin, String yaml) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
            com.fasterxml.jackson.databind.node.ObjectNode merged = mapper.valueToTree(plugin.defaults());
            merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(yaml));
            return mapper.treeToValue(merged, plugin.parametersType());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<float[]> runningStatistics(Backbone backbone) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : backbone.block().getParameters().values()) {
            if (p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR) {
                out.add(p.getArray().toFloatArray());
            }
        }
        return out;
    }

    @Test
    void frozenBatchNormKeepsTheCopysRunningStatisticsAndTrainMovesThem() throws IOException {
        Context frozenContext = new Context();
        Map<String, Double> frozen;
        List<float[]> before;
        try (frozenContext.manager) {
            // the statistics of a fresh copy, to compare with the copy the evaluator trained
            before = runningStatistics(frozenContext.backboneCopy(frozenContext.manager));
            frozenContext.copies.clear();
            frozen = finetune("frozen").evaluate(frozenContext);
            assertEquals(1, frozenContext.copies.size(), "one copy per evaluation");
            List<float[]> after = runningStatistics(frozenContext.copies.get(0));
            assertTrue(before.size() > 10, "a ResNet-18 has BatchNorm statistics: " + before.size());
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i), "running statistic " + i + " changed under frozen BN");
            }
        }
        // 50 % of 160 = 80 labelled (20 a class); 25 % of them validate
        assertEquals(80.0, frozen.get("labelled"));
        assertTrue(frozen.get("epochs") >= 1 && frozen.get("epochs") <= 2, frozen.toString());
        assertTrue(frozen.get("warmup_epochs") >= 1 && frozen.get("warmup_epochs") <= 2, frozen.toString());
        for (String metric : List.of("top1", "warmup_top1")) {
            assertTrue(frozen.get(metric) >= 0 && frozen.get(metric) <= 1, frozen.toString());
        }

        Context trainContext = new Context();
        try (trainContext.manager) {
            Map<String, Double> train = finetune("train").evaluate(trainContext);
            List<float[]> after = runningStatistics(trainContext.copies.get(0));
            boolean moved = false;
            for (int i = 0; i < before.size(); i++) {
                moved |= !java.util.Arrays.equals(before.get(i), after.get(i));
            }
            assertTrue(moved, "batchNorm: train updates the running statistics");
            assertEquals(frozen.get("warmup_top1"), train.get("warmup_top1"),
                    "the warm-up is the same in both modes (frozen encoder, same seed)");
        }
    }

    /**
     * The fast path (every FreezableBatchNorm frozen, training-mode step) trains the copy as the inference-mode
     * path does, which the evaluator falls back to when the backbone holds a block it cannot freeze.
     */
    @Test
    void frozenBatchNormOnTheTrainingPathTrainsAsTheInferenceModePath() throws IOException {
        List<float[]> fast;
        List<float[]> fallback;
        Context fastContext = new Context(false);
        try (fastContext.manager) {
            finetune("frozen").evaluate(fastContext);
            fast = parameters(fastContext.copies.get(0), Parameter.Type.GAMMA);
        }
        Context fallbackContext = new Context(true);
        try (fallbackContext.manager) {
            finetune("frozen").evaluate(fallbackContext);
            fallback = parameters(fallbackContext.copies.get(0), Parameter.Type.GAMMA);
        }
        assertTrue(fast.size() > 10, "a ResNet-18 has BatchNorm gammas: " + fast.size());
        boolean trained = false;
        for (int i = 0; i < fast.size(); i++) {
            assertArrayEquals(fallback.get(i), fast.get(i), 1e-3f, "gamma " + i);
            for (float gamma : fast.get(i)) {
                trained |= Math.abs(gamma - 1f) > 1e-4f;
            }
        }
        assertTrue(trained, "the whole-net phase moved BatchNorm's gamma");
    }

    private static List<float[]> parameters(Backbone backbone, Parameter.Type type) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : backbone.block().getParameters().values()) {
            if (p.getType() == type) {
                out.add(p.getArray().toFloatArray());
            }
        }
        return out;
    }
}
