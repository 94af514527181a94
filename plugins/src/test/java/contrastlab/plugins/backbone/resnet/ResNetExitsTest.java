package contrastlab.plugins.backbone.resnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.dataset.ImageShape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SelfCon's multi-exit ResNet: exit outputs, their sizes, parameter counts and wiring. */
class ResNetExitsTest {

    private static final ImageShape SMALL_IMAGE = new ImageShape(3, 16, 16);

    private final ResNetPlugin plugin = new ResNetPlugin();

    private static ResNetParameters params(int depth, int width, List<Boolean> exits, String size) {
        return new ResNetParameters(depth, "cifar", width, true, 1, exits, size);
    }

    /** Every exit size gives one (N, featureDim) array per exit after the features, in stage order. */
    @ParameterizedTest
    @CsvSource({"18, fc", "18, small", "18, same", "50, fc", "50, small"})
    void exitsFollowTheFeaturesWithTheFeatureSize(int depth, String size) {
        Backbone backbone = plugin.create(params(depth, 4, List.of(true, true, true), size), SMALL_IMAGE);
        int featureDim = depth == 50 ? 128 : 32;
        assertEquals(featureDim, backbone.featureDim());
        assertEquals(List.of(featureDim, featureDim, featureDim), backbone.exitDims());
        try (NDManager m = NDManager.newBaseManager()) {
            Shape input = new Shape(2, 3, 16, 16);
            backbone.block().initialize(m, DataType.FLOAT32, input);
            Shape[] shapes = backbone.block().getOutputShapes(new Shape[] {input});
            assertEquals(4, shapes.length);
            NDList out = backbone.block().forward(new ParameterStore(m, false), new NDList(m.randomNormal(input)), false);
            assertEquals(4, out.size());
            for (int i = 0; i < out.size(); i++) {
                assertEquals(new Shape(2, featureDim), out.get(i).getShape());
                assertEquals(shapes[i], out.get(i).getShape());
            }
        }
    }

    @Test
    void noExitsByDefault() {
        Backbone backbone = plugin.create(plugin.defaults(), SMALL_IMAGE);
        assertEquals(List.of(), backbone.exitDims());
        Backbone empty = plugin.create(params(18, 4, List.of(), "fc"), SMALL_IMAGE);
        assertEquals(List.of(), empty.exitDims());
        assertEquals(List.of(), ((ResNet) empty.block()).exits());
    }

    /**
     * ResNet-18 with one exit after stage 2 (SelfCon's CIFAR setting) adds exactly the exit's own
     * parameters: fc = Linear(128, 512) with bias; small = one BasicBlock per remaining stage
     * (128->256 and 256->512, each with a projection shortcut); same = a full copy of torchvision's
     * layer3 (2,099,712) and layer4 (8,393,728).
     */
    @ParameterizedTest
    @CsvSource({"fc, 66048", "small, 4592128", "same, 10493440"})
    void exitAfterStageTwoAddsTheSubNetworkParameters(String size, long extra) {
        // 11,168,832: the plain CIFAR ResNet-18 (ResNetTest)
        long withExit = count(plugin.create(params(18, 64, List.of(false, true, false), size), SMALL_IMAGE));
        assertEquals(extra, withExit - 11_168_832L);
    }

    @Test
    void smallExitHalvesTheUnitsAndSameCopiesThem() {
        ResNet small = (ResNet) plugin.create(params(50, 4, List.of(true, false, false), "small"), SMALL_IMAGE).block();
        ResNet same = (ResNet) plugin.create(params(50, 4, List.of(true, false, false), "same"), SMALL_IMAGE).block();
        // after stage 1 of ResNet-50 [3, 4, 6, 3]: stages 2-4 with int(n/2) = [2, 3, 1] or [4, 6, 3] units
        assertEquals(List.of(2, 3, 1), unitsPerStage(small.exits().get(0)));
        assertEquals(List.of(4, 6, 3), unitsPerStage(same.exits().get(0)));
    }

    /** The fc exit after stage 2 is Linear(GAP(stage2(stage1(stem(x))))): it branches off where configured. */
    @Test
    void fcExitReadsTheOutputOfItsStage() {
        Engine.getInstance().setRandomSeed(1);
        ResNet net = (ResNet) plugin.create(params(18, 4, List.of(false, true, false), "fc"), SMALL_IMAGE).block();
        try (NDManager m = NDManager.newBaseManager()) {
            Shape input = new Shape(3, 3, 16, 16);
            net.initialize(m, DataType.FLOAT32, input);
            ParameterStore store = new ParameterStore(m, false);
            NDArray x = m.randomNormal(input);
            NDList out = net.forward(store, new NDList(x), false);
            NDList h = net.stem().forward(store, new NDList(x), false);
            h = net.stages().get(0).forward(store, h, false);
            h = net.stages().get(1).forward(store, h, false);
            SequentialBlock exit = (SequentialBlock) net.exits().get(0);
            Linear linear = (Linear) exit.getChildren().get(1).getValue();
            NDArray expected = linear.forward(store, new NDList(Pool.globalAvgPool2d(h.head())), false).head();
            assertArrayEquals(expected.toFloatArray(), out.get(1).toFloatArray(), 1e-5f);
            assertEquals(new Shape(32, 8), linear.getParameters().get("weight").getArray().getShape());
        }
    }

    /** A loss on the exit alone trains the exit and the stages before it, not the later stages. */
    @Test
    void exitGradientsStopAtItsStage() {
        Engine.getInstance().setRandomSeed(2);
        ResNet net = (ResNet) plugin.create(params(18, 4, List.of(true, false, false), "small"), SMALL_IMAGE).block();
        try (NDManager m = NDManager.newBaseManager()) {
            Shape input = new Shape(4, 3, 16, 16);
            net.initialize(m, DataType.FLOAT32, input);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = net.forward(new ParameterStore(m, false), new NDList(m.randomNormal(input)), true);
                collector.backward(out.get(1).square().sum());
            }
            for (Pair<String, Parameter> p : net.getParameters()) {
                if (!p.getValue().requiresGradient()) {
                    continue;
                }
                float grad = p.getValue().getArray().getGradient().abs().sum().getFloat();
                String name = p.getKey();
                if (name.matches("\\d*stage[234]_.*")) {
                    assertEquals(0f, grad, name);
                } else if (name.contains("conv")) {
                    assertTrue(grad > 0, name + " has no gradient");
                }
            }
        }
    }

    @Test
    void invalidExitsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> params(18, 4, List.of(true, false), "fc"));
        assertTrue(e.getMessage().contains("[false, true, false]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> params(18, 4, List.of(false, true, false), "large"));
        assertTrue(e.getMessage().contains("fc, small, same"), e.getMessage());
    }

    private static long count(Backbone backbone) {
        try (NDManager m = NDManager.newBaseManager()) {
            backbone.block().initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            long count = 0;
            for (Pair<String, Parameter> p : backbone.block().getParameters()) {
                if (p.getValue().requiresGradient()) {
                    count += p.getValue().getArray().getShape().size();
                }
            }
            return count;
        }
    }

    private static List<Integer> unitsPerStage(Block exit) {
        return exit.getChildren().values().stream()
                .filter(b -> b instanceof SequentialBlock)
                .map(b -> b.getChildren().size())
                .toList();
    }
}
