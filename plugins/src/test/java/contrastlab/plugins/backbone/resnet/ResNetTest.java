package contrastlab.plugins.backbone.resnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import contrastlab.api.nd.FreezableBatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.backbone.BackbonePlugin;
import contrastlab.api.dataset.ImageShape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResNetTest {

    private static final ImageShape CIFAR = new ImageShape(3, 32, 32);

    private final ResNetPlugin plugin = new ResNetPlugin();

    @Test
    void isDiscoveredWithItsDefaults() {
        assertTrue(ServiceLoader.load(BackbonePlugin.class).stream().anyMatch(p -> p.type() == ResNetPlugin.class));
        assertEquals("resnet", plugin.name());
        assertEquals(new ResNetParameters(18, "cifar", 64, true), plugin.defaults());
    }

    /**
     * Trainable parameter counts against torchvision's resnet18/34/50 without the fc layer
     * (11,689,512 / 21,797,672 / 25,557,032 minus 513,000 / 513,000 / 2,049,000). The CIFAR stem
     * swaps the 7x7 stem kernel for a 3x3 one: 64 * 3 * (49 - 9) = 7,680 fewer, which makes the
     * ResNet-18 11,168,832, lightly's ResNetGenerator('resnet-18') count without its linear layer.
     */
    @ParameterizedTest
    @CsvSource({
        "18, imagenet, 11176512, 512",
        "34, imagenet, 21284672, 512",
        "50, imagenet, 23508032, 2048",
        "18, cifar, 11168832, 512",
        "34, cifar, 21276992, 512",
        "50, cifar, 23500352, 2048"})
    void parameterCountsMatchTorchvision(int depth, String stem, long expected, int featureDim) {
        Backbone backbone = plugin.create(new ResNetParameters(depth, stem, 64, true), CIFAR);
        assertEquals(featureDim, backbone.featureDim());
        try (NDManager m = NDManager.newBaseManager()) {
            backbone.block().initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            assertEquals(expected, trainableCount(backbone.block()));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "18, cifar, 32", "34, cifar, 32", "50, cifar, 128",
        "18, imagenet, 32", "34, imagenet, 32", "50, imagenet, 128"})
    void featuresHaveTheDocumentedShape(int depth, String stem, int featureDim) {
        Backbone backbone = plugin.create(new ResNetParameters(depth, stem, 4, true), new ImageShape(3, 16, 16));
        assertEquals(featureDim, backbone.featureDim());
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = backbone.block();
            block.initialize(m, DataType.FLOAT32, new Shape(2, 3, 16, 16));
            assertEquals(new Shape(2, featureDim), block.getOutputShapes(new Shape[] {new Shape(2, 3, 16, 16)})[0]);
            NDList out = block.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(2, 3, 16, 16))), false);
            assertEquals(1, out.size());
            assertEquals(new Shape(2, featureDim), out.head().getShape());
        }
    }

    @Test
    void stemWithoutReluIsConvAndBatchNormOnly() {
        ResNet withRelu = (ResNet) plugin.create(new ResNetParameters(18, "cifar", 4, true), CIFAR).block();
        ResNet withoutRelu = (ResNet) plugin.create(new ResNetParameters(18, "cifar", 4, false), CIFAR).block();
        ResNet imagenet = (ResNet) plugin.create(new ResNetParameters(18, "imagenet", 4, false), CIFAR).block();
        assertEquals(List.of(Conv2d.class, FreezableBatchNorm.class, LambdaBlock.class), types(withRelu.stem()));
        assertEquals(List.of(Conv2d.class, FreezableBatchNorm.class), types(withoutRelu.stem()));
        assertEquals(List.of(Conv2d.class, FreezableBatchNorm.class, LambdaBlock.class), types(imagenet.stem()));
        assertEquals("maxPool2d", ((LambdaBlock) imagenet.stem().getChildren().get(2).getValue()).getName());

        // and in numbers: the stem's output keeps negative values only without the ReLU
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(2, 3, 8, 8));
            for (ResNet net : List.of(withRelu, withoutRelu)) {
                net.initialize(m, DataType.FLOAT32, new Shape(2, 3, 8, 8));
                NDArray stem = net.stem().forward(new ParameterStore(m, false), new NDList(x), false).head();
                boolean negatives = stem.min().getFloat() < 0;
                assertEquals(net == withoutRelu, negatives);
            }
        }
    }

    @Test
    void shortcutsProjectExactlyWhenTheShapeChanges() {
        ResNet basic = (ResNet) plugin.create(new ResNetParameters(18, "cifar", 4, true), CIFAR).block();
        assertEquals(List.of(false, false, true, false, true, false, true, false), projections(basic));
        ResNet bottleneck = (ResNet) plugin.create(new ResNetParameters(50, "cifar", 4, true), CIFAR).block();
        List<Boolean> p = projections(bottleneck);
        assertEquals(16, p.size());
        // the first unit of every stage changes channels (width -> 4 width) or resolution
        assertEquals(List.of(0, 3, 7, 13), indicesOf(p));
    }

    @Test
    void convolutionsGetKaimingNormalFanOut() {
        Backbone backbone = plugin.create(new ResNetParameters(18, "cifar", 64, true), CIFAR);
        try (NDManager m = NDManager.newBaseManager()) {
            backbone.block().initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            Parameter last = null;
            for (Pair<String, Parameter> p : backbone.block().getParameters()) {
                if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                    last = p.getValue();
                }
            }
            // stage4's last 3x3 conv: 512 filters of 512 x 3 x 3, fan_out = 512 * 9
            float[] w = last.getArray().toFloatArray();
            assertEquals(new Shape(512, 512, 3, 3), last.getArray().getShape());
            double sq = 0;
            for (float v : w) {
                sq += v * v;
            }
            double std = Math.sqrt(sq / w.length);
            assertEquals(Math.sqrt(2.0 / (512 * 9)), std, 0.01 * std);
        }
    }

    @Test
    void trainingStepComputesGradientsAndMovesBatchNormStatistics() {
        Engine.getInstance().setRandomSeed(1);
        Backbone backbone = plugin.create(new ResNetParameters(18, "cifar", 4, false), new ImageShape(3, 8, 8));
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = backbone.block();
            block.initialize(m, DataType.FLOAT32, new Shape(4, 3, 8, 8));
            List<Parameter> params = new ArrayList<>(block.getParameters().values());
            Parameter firstConv = params.get(0);
            Parameter runningMean = params.stream().filter(p -> p.getType() == Parameter.Type.RUNNING_MEAN).findFirst()
                    .orElseThrow();
            assertEquals(0f, runningMean.getArray().abs().sum().getFloat());
            ParameterStore store = new ParameterStore(m, false);
            NDArray x = m.randomNormal(2f, 1f, new Shape(4, 3, 8, 8), DataType.FLOAT32);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray features = block.forward(store, new NDList(x), true).head();
                collector.backward(features.square().mean());
            }
            assertTrue(firstConv.getArray().getGradient().abs().sum().getFloat() > 0);
            assertTrue(runningMean.getArray().abs().sum().getFloat() > 0);
        }
    }

    @Test
    void batchNormFollowsPyTorchMomentum() {
        // one training batch whose channel means are 1 and 3: PyTorch's running mean becomes 0.1 * mean
        Block bn = Layers.batchNorm();
        try (NDManager m = NDManager.newBaseManager()) {
            bn.initialize(m, DataType.FLOAT32, new Shape(2, 2, 1, 1));
            NDArray x = m.create(new float[] {0, 2, 2, 4}, new Shape(2, 2, 1, 1));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = bn.forward(new ParameterStore(m, false), new NDList(x), true).head();
                collector.backward(y.sum());
            }
            Parameter mean = bn.getParameters().get("runningMean");
            float[] running = mean.getArray().toFloatArray();
            assertEquals(0.1f, running[0], 1e-6);
            assertEquals(0.3f, running[1], 1e-6);
        }
    }

    @Test
    void residualAddMatchesThePlainAddAndPassesGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomNormal(new Shape(2, 3, 4, 4));
            NDArray b = m.randomNormal(new Shape(2, 3, 4, 4));
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray sum = Layers.add(a, b);
                assertEquals(a.add(b), sum);
                collector.backward(sum.mul(3f).sum());
            }
            assertEquals(m.full(new Shape(2, 3, 4, 4), 3f), a.getGradient());
            assertEquals(m.full(new Shape(2, 3, 4, 4), 3f), b.getGradient());
        }
    }

    @Test
    void parametersSurviveASaveAndLoad() throws Exception {
        ResNetParameters p = new ResNetParameters(50, "imagenet", 4, true);
        Shape input = new Shape(2, 3, 16, 16);
        try (NDManager m = NDManager.newBaseManager()) {
            Block original = plugin.create(p, CIFAR).block();
            original.initialize(m, DataType.FLOAT32, input);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            original.saveParameters(new DataOutputStream(bytes));

            Block copy = plugin.create(p, CIFAR).block();
            copy.initialize(m, DataType.FLOAT32, input);
            copy.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            NDArray x = m.randomNormal(input);
            ParameterStore store = new ParameterStore(m, false);
            NDArray a = original.forward(store, new NDList(x), false).head();
            NDArray b = copy.forward(store, new NDList(x), false).head();
            assertEquals(a, b);
        }
    }

    @Test
    void invalidParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ResNetParameters(20, "cifar", 64, true));
        assertThrows(IllegalArgumentException.class, () -> new ResNetParameters(18, "tiny", 64, true));
        assertThrows(IllegalArgumentException.class, () -> new ResNetParameters(18, "cifar", 0, true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ResNetParameters(101, "cifar", 64, true));
        assertTrue(e.getMessage().contains("[18, 34, 50]"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    private static long trainableCount(Block block) {
        long count = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                count += p.getValue().getArray().getShape().size();
            }
        }
        return count;
    }

    private static List<Class<?>> types(SequentialBlock block) {
        List<Class<?>> types = new ArrayList<>();
        for (Block child : block.getChildren().values()) {
            types.add(child.getClass());
        }
        return types;
    }

    private static List<Boolean> projections(ResNet net) {
        List<Boolean> out = new ArrayList<>();
        for (Pair<String, Block> child : net.getChildren()) {
            if (child.getKey().contains("stage")) {
                for (Block unit : child.getValue().getChildren().values()) {
                    out.add(((ResidualUnit) unit).hasProjection());
                }
            }
        }
        return out;
    }

    private static List<Integer> indicesOf(List<Boolean> flags) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < flags.size(); i++) {
            if (flags.get(i)) {
                out.add(i);
            }
        }
        return out;
    }
}
