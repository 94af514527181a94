package contrastlab.plugins.method.selfcon;

import contrastlab.plugins.method.common.MethodFixtures;
import contrastlab.plugins.method.common.MethodFixtures.LossValues;
import java.util.stream.IntStream;
import static contrastlab.plugins.method.common.ExitFixtures.context;
import static contrastlab.plugins.method.common.ExitFixtures.exitBackbone;
import static contrastlab.plugins.method.common.MethodFixtures.IMAGE;
import static contrastlab.plugins.method.common.MethodFixtures.gaussian;
import static contrastlab.plugins.method.common.MethodFixtures.noisy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.method.Method;
import contrastlab.api.method.MethodPlugin;
import contrastlab.plugins.method.common.ConLossReference;
import contrastlab.plugins.method.common.ExitFixtures;
import contrastlab.plugins.method.common.TestStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seven ConLoss methods: discovery, validation, the original's feature layout, and training. */
class ConMethodsTest {

    private static final List<ConMethodPlugin> PLUGINS = List.of(new SupConPlugin(), new SupConSinglePlugin(),
            new ConPlugin(), new SelfConPlugin(), new SelfConSuPlugin(), new SelfConMPlugin(), new SelfConMuPlugin());

    @Test
    void allAreDiscoveredAndDeclareWhetherTheyNeedLabels() {
        Map<String, Boolean> discovered = ServiceLoader.load(MethodPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof ConMethodPlugin)
                .collect(Collectors.toMap(MethodPlugin::name, p -> ((ConMethodPlugin) p).needsLabels(((ConMethodPlugin) p).defaults())));
        assertEquals(Map.of("supcon", true, "supcon-s", true, "con", false, "selfcon", true, "selfcon-su", false,
                "selfcon-m", true, "selfcon-mu", false), discovered);
        assertEquals(new ConParameters(0.1, 0.07, "mlp", 128), new SelfConPlugin().defaults());
    }

    @Test
    void viewsAndExitsAreValidated() {
        Backbone withExit = exitBackbone(16);
        Backbone plain = exitBackbone();
        ConParameters p = new SelfConPlugin().defaults();
        assertMessage(() -> new SupConPlugin().create(p, context(plain, 1, 8, 4)), "set views: 2");
        assertMessage(() -> new SupConSinglePlugin().create(p, context(plain, 2, 8, 4)), "set views: 1");
        assertMessage(() -> new SelfConPlugin().create(p, context(withExit, 2, 8, 4)), "set views: 1");
        assertMessage(() -> new SelfConMPlugin().create(p, context(withExit, 1, 8, 4)), "set views: 2");
        assertMessage(() -> new SelfConPlugin().create(p, context(plain, 1, 8, 4)), "exits: [false, true, false]");
        assertMessage(() -> new ConParameters(0.1, 0.07, "deep", 128), "mlp, linear");
        assertThrows(IllegalArgumentException.class, () -> new ConParameters(0, 0.07, "mlp", 128));
    }

    /** Each exit gets its own d -> d -> 128 head sized from the backbone's exitDims; the backbone one more. */
    @Test
    void oneHeadPerExitAndOneForTheBackbone() {
        Method method = new SelfConPlugin().create(new SelfConPlugin().defaults(), context(exitBackbone(16, 24), 1, 8, 4));
        Method linear = new SelfConPlugin().create(new ConParameters(0.1, 0.07, "linear", 8),
                context(exitBackbone(16, 24), 1, 8, 4));
        try (NDManager m = NDManager.newBaseManager()) {
            method.initialize(m, DataType.FLOAT32);
            linear.initialize(m, DataType.FLOAT32);
            assertEquals(List.of(new Shape(16, 16), new Shape(128, 16), new Shape(24, 24), new Shape(128, 24),
                    new Shape(32, 32), new Shape(128, 32)), weights(method.block()));
            assertEquals(List.of(new Shape(8, 16), new Shape(8, 24), new Shape(8, 32)), weights(linear.block()));
        }
    }

    /** A method without exits on a multi-exit backbone builds only the backbone's head and ignores the exits. */
    @Test
    void nonExitMethodsIgnoreTheExits() {
        Engine.getInstance().setRandomSeed(9);
        Backbone backbone = exitBackbone(16);
        Method method = new SupConPlugin().create(new ConParameters(0.1, 0.07, "linear", 8), context(backbone, 2, 4, 2));
        try (NDManager root = NDManager.newBaseManager()) {
            backbone.block().initialize(root, DataType.FLOAT32, new Shape(8, 3, 8, 8));
            method.initialize(root, DataType.FLOAT32);
            assertEquals(List.of(new Shape(8, 32)), weights(method.block()));
            Random random = new Random(2);
            double loss = MethodFixtures.step(root, new ParameterStore(root, false), backbone.block(), method,
                    List.of(gaussian(random, 4 * IMAGE.size(), 1f), gaussian(random, 4 * IMAGE.size(), 1f)),
                    Optional.of(new int[] {0, 1, 0, 1}), 4, 0).loss();
            assertTrue(Double.isFinite(loss) && loss > 0, "loss " + loss);
        }
    }

    /**
     * The method's loss equals the original's ConLoss on the features laid out as main_represent.py
     * does for that method, computed in doubles from the heads' outputs.
     */
    @ParameterizedTest
    @ValueSource(strings = {"supcon", "supcon-s", "con", "selfcon", "selfcon-su", "selfcon-m", "selfcon-mu"})
    void lossIsTheOriginalsConLossOnItsLayout(String name) {
        ConMethodPlugin plugin = PLUGINS.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        Variant variant = variant(plugin);
        Engine.getInstance().setRandomSeed(7);
        int n = 6;
        int[] labels = {0, 1, 0, 2, 1, 3};
        int views = variant.multiview() ? 2 : 1;
        Backbone backbone = variant.exits() ? exitBackbone(16, 24) : exitBackbone();
        Method method = plugin.create(new ConParameters(0.2, 0.07, "mlp", 8), context(backbone, views, n, 4));
        Random random = new Random(name.hashCode());
        try (NDManager root = NDManager.newBaseManager()) {
            backbone.block().initialize(root, DataType.FLOAT32, new Shape(n, 3, 8, 8));
            method.initialize(root, DataType.FLOAT32);
            ParameterStore store = new ParameterStore(root, false);
            try (NDManager m = root.newSubManager()) {
                List<NDArray> images = new ArrayList<>();
                for (int v = 0; v < views; v++) {
                    images.add(m.create(gaussian(random, n * IMAGE.size(), 1f), new Shape(n, 3, 8, 8)));
                }
                float loss = method.loss(new TestStep(m, images, Optional.of(m.create(labels)), backbone.block(), store,
                        false)).loss().getFloat();

                // the heads applied by name to the backbone's outputs for all views at once
                NDList out = backbone.block().forward(store, new NDList(NDArrays.concat(new NDList(images), 0)), false);
                List<double[][]> projections = new ArrayList<>();
                for (int e = 1; e < out.size(); e++) {
                    projections.add(rows(child(method.block(), "exit" + e + "Head").forward(store, new NDList(out.get(e)), false).head()));
                }
                double[][] z = rows(child(method.block(), "head").forward(store, new NDList(out.get(0)), false).head());
                double expected = reference(variant, projections, z, n, labels, 0.2);
                assertEquals(expected, loss, 1e-4 * Math.abs(expected), name);
            }
        }
    }

    /** A few SGD steps on the same labelled images with fresh view noise lower each method's loss. */
    @ParameterizedTest
    @ValueSource(strings = {"supcon", "supcon-s", "con", "selfcon", "selfcon-su", "selfcon-m", "selfcon-mu"})
    void sgdStepsLowerTheLoss(String name) {
        ConMethodPlugin plugin = PLUGINS.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        Variant variant = variant(plugin);
        Engine.getInstance().setRandomSeed(3);
        int n = 16;
        int views = variant.multiview() ? 2 : 1;
        Backbone backbone = variant.exits() ? exitBackbone(16) : exitBackbone();
        Method method = plugin.create(new ConParameters(0.1, 0.07, "mlp", 16), context(backbone, views, n, 4));
        Random random = new Random(11);
        float[] base = ExitFixtures.images(random, n, 4);
        int[] labels = ExitFixtures.labels(n, 4);
        List<LossValues> steps = MethodFixtures.train(backbone, method, n, 6,
                s -> IntStream.range(0, views).mapToObj(v -> noisy(random, base, 0.3f)).toList(), Optional.of(labels), 0.05f);
        assertTrue(steps.stream().allMatch(LossValues::monitorsFinite), name);
        assertTrue(MethodFixtures.meanLoss(steps, 4, 6) < MethodFixtures.meanLoss(steps, 0, 2) - 0.1,
                name + ": loss did not decrease: " + steps);
    }

    /** The original's dispatch (main_represent.py _train) building F[B][V][d], then ConLoss in doubles. */
    private static double reference(Variant variant, List<double[][]> exits, double[][] backbone, int n, int[] labels,
            double tau) {
        if (!variant.exits()) {
            int views = backbone.length / n;
            double[][][] f = new double[n][views][];
            for (int i = 0; i < n; i++) {
                for (int v = 0; v < views; v++) {
                    f[i][v] = backbone[v * n + i];
                }
            }
            boolean supconS = !variant.multiview();
            return ConLossReference.loss(f, variant.labels() ? labels : null, supconS, tau, 0.07);
        }
        int rows = backbone.length;
        double[][][] f = new double[rows][exits.size() + 1][];
        for (int r = 0; r < rows; r++) {
            for (int e = 0; e < exits.size(); e++) {
                f[r][e] = exits.get(e)[r];
            }
            f[r][exits.size()] = backbone[r];
        }
        int[] repeated = new int[rows];
        for (int r = 0; r < rows; r++) {
            repeated[r] = labels[r % n];
        }
        return ConLossReference.loss(f, variant.labels() ? repeated : null, false, tau, 0.07);
    }

    private static Variant variant(ConMethodPlugin plugin) {
        return List.of(Variant.SUPCON, Variant.SUPCON_S, Variant.CON, Variant.SELFCON, Variant.SELFCON_SU,
                Variant.SELFCON_M, Variant.SELFCON_MU).stream().filter(v -> v.name().equals(plugin.name()))
                .findFirst().orElseThrow();
    }

    private static Block child(Block parent, String name) {
        for (Pair<String, Block> c : parent.getChildren()) {
            if (c.getKey().replaceFirst("^\\d+", "").equals(name)) {
                return c.getValue();
            }
        }
        throw new AssertionError("no child " + name + " in " + parent.getChildren().keys());
    }

    private static double[][] rows(NDArray x) {
        int r = Math.toIntExact(x.getShape().get(0));
        int c = Math.toIntExact(x.getShape().get(1));
        float[] flat = x.toFloatArray();
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[i][j] = flat[i * c + j];
            }
        }
        return out;
    }

    private static List<Shape> weights(Block block) {
        List<Shape> shapes = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                shapes.add(p.getValue().getArray().getShape());
            }
        }
        return shapes;
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable executable, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
