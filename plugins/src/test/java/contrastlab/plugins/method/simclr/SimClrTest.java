package contrastlab.plugins.method.simclr;

import static contrastlab.plugins.method.common.MethodFixtures.gaussian;
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
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.dataset.ImageShape;
import contrastlab.api.method.LossResult;
import contrastlab.api.method.Method;
import contrastlab.api.method.MethodContext;
import contrastlab.api.method.MethodPlugin;
import contrastlab.plugins.backbone.resnet.ResNetParameters;
import contrastlab.plugins.backbone.resnet.ResNetPlugin;
import contrastlab.plugins.method.common.TestStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SimClrTest {

    private static final ImageShape IMAGE = new ImageShape(3, 8, 8);

    private final SimClrPlugin plugin = new SimClrPlugin();

    @Test
    void isDiscoveredWithItsDefaults() {
        assertTrue(ServiceLoader.load(MethodPlugin.class).stream().anyMatch(p -> p.type() == SimClrPlugin.class));
        SimClrParameters d = plugin.defaults();
        assertEquals("simclr", plugin.name());
        assertEquals(0.5, d.temperature());
        assertEquals(List.of(512, 128), d.projector());
        assertEquals(false, d.projectorBatchNorm());
    }

    @Test
    void projectorMapsTheBackboneFeaturesThroughTheListedLayers() {
        Method method = plugin.create(new SimClrParameters(0.5, List.of(24, 16, 8), false, false), context(32, 2));
        try (NDManager m = NDManager.newBaseManager()) {
            method.initialize(m, DataType.FLOAT32);
            List<Shape> weights = new ArrayList<>();
            for (Pair<String, Parameter> p : method.block().getParameters()) {
                if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                    weights.add(p.getValue().getArray().getShape());
                }
            }
            assertEquals(List.of(new Shape(24, 32), new Shape(16, 24), new Shape(8, 16)), weights);
        }
    }

    @Test
    void invalidParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SimClrParameters(0, List.of(8), false, false));
        assertThrows(IllegalArgumentException.class, () -> new SimClrParameters(0.5, List.of(), false, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plugin.create(plugin.defaults(), context(32, 1)));
        assertTrue(e.getMessage().contains("2 views"), e.getMessage());
    }

    @Test
    void lossStartsNearLogOfTheNegativesAndDecreasesUnderSgd() {
        Engine.getInstance().setRandomSeed(3);
        Backbone backbone = tinyBackbone();
        int n = 8;
        Method method = plugin.create(new SimClrParameters(0.5, List.of(32, 16), false, false), context(backbone.featureDim(), 2));
        Random random = new Random(5);
        float[] base = gaussian(random, n * IMAGE.size(), 1f);
        try (NDManager root = NDManager.newBaseManager()) {
            backbone.block().initialize(root, DataType.FLOAT32, new Shape(n, 3, 8, 8));
            method.initialize(root, DataType.FLOAT32);
            ParameterStore store = new ParameterStore(root, false);
            List<Double> losses = new ArrayList<>();

            // unrelated views of a larger batch: a positive is no closer than a negative, loss ~ log(2N-1)
            int big = 64;
            float[] a = gaussian(random, big * IMAGE.size(), 1f);
            float[] b = gaussian(random, big * IMAGE.size(), 1f);
            double initial = step(root, store, backbone.block(), method, a, b, big, 0)[0];
            assertTrue(Double.isFinite(initial));
            assertEquals(Math.log(2 * big - 1), initial, 0.15, "initial loss");

            for (int s = 0; s < 8; s++) {
                float[] v1 = noisy(random, base, 0.3f);
                float[] v2 = noisy(random, base, 0.3f);
                losses.add(step(root, store, backbone.block(), method, v1, v2, n, 0.05f)[0]);
            }
            double first = losses.get(0);
            double last = (losses.get(losses.size() - 1) + losses.get(losses.size() - 2)) / 2;
            assertTrue(last < first - 0.2, "loss did not decrease: " + losses);
        }
    }

    @Test
    void jointViewsEncodeOnceAndEqualSeparateEncodingInInferenceMode() {
        Engine.getInstance().setRandomSeed(8);
        Backbone backbone = tinyBackbone();
        int n = 4;
        Method separate = plugin.create(new SimClrParameters(0.5, List.of(16), false, false), context(backbone.featureDim(), 2));
        Method joint = plugin.create(new SimClrParameters(0.5, List.of(16), false, true), context(backbone.featureDim(), 2));
        Random random = new Random(9);
        try (NDManager root = NDManager.newBaseManager()) {
            backbone.block().initialize(root, DataType.FLOAT32, new Shape(n, 3, 8, 8));
            separate.initialize(root, DataType.FLOAT32);
            joint.initialize(root, DataType.FLOAT32);
            // the same projector weights in both, so only the batching differs
            for (int i = 0; i < separate.block().getParameters().size(); i++) {
                separate.block().getParameters().get(i).getValue().getArray()
                        .copyTo(joint.block().getParameters().get(i).getValue().getArray());
            }
            ParameterStore store = new ParameterStore(root, false);
            try (NDManager m = root.newSubManager()) {
                List<NDArray> views = List.of(m.create(gaussian(random, n * IMAGE.size(), 1f), new Shape(n, 3, 8, 8)),
                        m.create(gaussian(random, n * IMAGE.size(), 1f), new Shape(n, 3, 8, 8)));
                Block counting = org.mockito.Mockito.spy(backbone.block());
                float jointLoss = joint.loss(new TestStep(m, views, Optional.empty(), counting, store, false)).loss().getFloat();
                org.mockito.Mockito.verify(counting, org.mockito.Mockito.times(1)).forward(
                        org.mockito.ArgumentMatchers.any(ParameterStore.class),
                        org.mockito.ArgumentMatchers.argThat((NDList in) -> in.head().getShape().get(0) == 2L * n),
                        org.mockito.ArgumentMatchers.anyBoolean());
                float separateLoss = separate.loss(new TestStep(m, views, Optional.empty(), backbone.block(), store, false))
                        .loss().getFloat();
                assertEquals(separateLoss, jointLoss, 1e-5f);
            }
        }
    }

    @Test
    void threeViewsGiveAFiniteLossAndMonitors() {
        Engine.getInstance().setRandomSeed(4);
        Backbone backbone = tinyBackbone();
        int n = 4;
        Method method = plugin.create(new SimClrParameters(0.5, List.of(16), true, false), context(backbone.featureDim(), 3));
        Random random = new Random(6);
        try (NDManager root = NDManager.newBaseManager()) {
            backbone.block().initialize(root, DataType.FLOAT32, new Shape(n, 3, 8, 8));
            method.initialize(root, DataType.FLOAT32);
            ParameterStore store = new ParameterStore(root, false);
            try (NDManager m = root.newSubManager()) {
                List<NDArray> views = new ArrayList<>();
                for (int v = 0; v < 3; v++) {
                    views.add(m.create(gaussian(random, n * IMAGE.size(), 1f), new Shape(n, 3, 8, 8)));
                }
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    LossResult result = method.loss(new TestStep(m, views, Optional.empty(), backbone.block(), store, true));
                    assertTrue(Double.isFinite(result.loss().getFloat()));
                    float pos = result.monitors().get("pos_sim").getFloat();
                    float neg = result.monitors().get("neg_sim").getFloat();
                    assertTrue(pos >= -1 && pos <= 1 && neg >= -1 && neg <= 1, pos + " " + neg);
                    collector.backward(result.loss());
                }
            }
        }
    }

    @Test
    void identicalViewsHaveUnitPositiveSimilarity() {
        Engine.getInstance().setRandomSeed(5);
        Backbone backbone = tinyBackbone();
        int n = 4;
        Method method = plugin.create(new SimClrParameters(0.5, List.of(16), false, false), context(backbone.featureDim(), 2));
        float[] images = gaussian(new Random(7), n * IMAGE.size(), 1f);
        try (NDManager root = NDManager.newBaseManager()) {
            backbone.block().initialize(root, DataType.FLOAT32, new Shape(n, 3, 8, 8));
            method.initialize(root, DataType.FLOAT32);
            double[] result = step(root, new ParameterStore(root, false), backbone.block(), method, images, images, n, 0);
            assertEquals(1.0, result[1], 1e-5);
        }
    }

    /**
     * One training step; with lr > 0, plain SGD on every trainable parameter afterwards.
     *
     * @return the loss and the pos_sim monitor
     */
    private static double[] step(NDManager root, ParameterStore store, Block backbone, Method method, float[] v1,
            float[] v2, int n, float lr) {
        try (NDManager m = root.newSubManager()) {
            List<NDArray> views = List.of(m.create(v1, new Shape(n, 3, 8, 8)), m.create(v2, new Shape(n, 3, 8, 8)));
            double[] out;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                LossResult result = method.loss(new TestStep(m, views, Optional.empty(), backbone, store, true));
                collector.backward(result.loss());
                out = new double[] {result.loss().getFloat(), result.monitors().get("pos_sim").getFloat()};
            }
            if (lr > 0) {
                sgd(backbone, method, lr);
            }
            return out;
        }
    }

    private static void sgd(Block backbone, Method method, float lr) {
        List<Parameter> parameters = new ArrayList<>(backbone.getParameters().values());
        parameters.addAll(method.block().getParameters().values());
        for (Parameter p : parameters) {
            if (p.requiresGradient()) {
                try (NDArray update = p.getArray().getGradient().mul(lr)) {
                    p.getArray().subi(update);
                }
            }
        }
    }

    private static Backbone tinyBackbone() {
        return new ResNetPlugin().create(new ResNetParameters(18, "cifar", 4, false), IMAGE);
    }

    private static MethodContext context(int featureDim, int views) {
        Supplier<Backbone> none = () -> {
            throw new AssertionError("simclr needs no second backbone");
        };
        // simclr reads only the feature size of the run's backbone
        return new MethodContext(new Backbone(new ai.djl.nn.SequentialBlock(), featureDim), views, 8, 0, IMAGE, none);
    }

}
