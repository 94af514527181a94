package contrastlab.plugins.backbone.scatnet;

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
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.backbone.BackbonePlugin;
import contrastlab.api.backbone.InputTransform;
import contrastlab.api.dataset.ImageShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScatNetTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ScatNetPlugin plugin = new ScatNetPlugin();

    @Test
    void isDiscoveredAndBindsRecipeKeys() throws Exception {
        assertTrue(ServiceLoader.load(BackbonePlugin.class).stream().anyMatch(p -> p.type() == ScatNetPlugin.class));
        assertEquals("scatnet", plugin.name());
        assertEquals(new ScatNetParameters(2, 16, "scatsimclr30", 1.0), plugin.defaults());
        ObjectNode tree = YAML.valueToTree(plugin.defaults());
        assertEquals(Set.of("J", "L", "adapter", "widthFactor", "implementation"), Set.copyOf(iterable(tree.fieldNames())));
        tree.setAll((ObjectNode) YAML.readTree("{J: 3, L: 8, adapter: none}"));
        assertEquals(new ScatNetParameters(3, 8, "none"), YAML.treeToValue(tree, ScatNetParameters.class));
        tree.setAll((ObjectNode) YAML.readTree("{implementation: engine}"));
        assertEquals(new ScatNetParameters(3, 8, "none", 1.0, "engine"), YAML.treeToValue(tree, ScatNetParameters.class));
        assertThrows(IllegalArgumentException.class, () -> new ScatNetParameters(2, 16, "none", 0));
        assertThrows(IllegalArgumentException.class, () -> new ScatNetParameters(2, 16, "scatsimclr31"));
        assertThrows(IllegalArgumentException.class, () -> new ScatNetParameters(0, 16, "none"));
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }

    /** Adapter none: features are the coefficients, colour-major (channel c K + k), flattened. */
    @Test
    void coefficientsAreColourMajorAndFlattened() {
        int k = Scattering2D.coefficients(2, 4);
        Backbone backbone = plugin.create(new ScatNetParameters(2, 4, "none"), new ImageShape(3, 16, 16));
        assertEquals(3 * k * 4 * 4, backbone.featureDim());
        Random random = new Random(3);
        float[] images = new float[2 * 3 * 16 * 16];
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextFloat() * (1 + i / 256);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = backbone.block();
            block.initialize(m, DataType.FLOAT32, new Shape(2, 3, 16, 16));
            NDArray x = m.create(images, new Shape(2, 3, 16, 16));
            NDArray features = block.forward(new ParameterStore(m, false), new NDList(x), false).head();
            assertEquals(new Shape(2, backbone.featureDim()), features.getShape());
            assertEquals(new Shape(2, backbone.featureDim()), block.getOutputShapes(new Shape[] {new Shape(2, 3, 16, 16)})[0]);
            float[] actual = features.toFloatArray();
            Scattering2D single = new Scattering2D(2, 4, 16, 16);
            for (int n = 0; n < 2; n++) {
                for (int c = 0; c < 3; c++) {
                    int plane = (n * 3 + c) * 256;
                    float[] expected = single.transform(Arrays.copyOfRange(images, plane, plane + 256), 1);
                    int start = n * backbone.featureDim() + c * k * 16;
                    assertArrayEquals(expected, Arrays.copyOfRange(actual, start, start + k * 16), "image " + n + " colour " + c);
                }
            }
        }
    }

    @Test
    void scatteringBlockOutputsCKChannelsAtAQuarterOfTheSize() {
        ScatteringBlock block = new ScatteringBlock(2, 8, 1, 28, 28);
        assertEquals(81, block.outputShape().channels());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = block.forward(new ParameterStore(m, false), new NDList(m.ones(new Shape(3, 1, 28, 28))), false).head();
            assertEquals(new Shape(3, 81, 7, 7), y.getShape());
            assertThrows(IllegalArgumentException.class, () -> block.forward(new ParameterStore(m, false),
                    new NDList(m.ones(new Shape(3, 3, 28, 28))), false));
            // same number of values, other size: the filters were built for 28x28
            assertThrows(IllegalArgumentException.class, () -> block.forward(new ParameterStore(m, false),
                    new NDList(m.ones(new Shape(3, 1, 14, 56))), false));
        }
    }

    /**
     * The backbone declares its scattering as the input transform the runtime runs on the data
     * workers: the transform's output equals the block's own scattering, and the block gives the
     * same features whether fed the images or the transform's output.
     */
    @Test
    void inputTransformOnWorkersGivesTheSameFeaturesAsTheBlock() {
        Backbone backbone = plugin.create(new ScatNetParameters(2, 2, "scatsimclr8", 0.25), new ImageShape(3, 16, 16));
        InputTransform transform = backbone.inputTransform().orElseThrow();
        int k = Scattering2D.coefficients(2, 2);
        assertEquals(new ImageShape(3, 16, 16), transform.inputShape());
        assertEquals(new ImageShape(3 * k, 4, 4), transform.outputShape());
        Random random = new Random(5);
        float[] images = new float[2 * 3 * 16 * 16];
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextFloat();
        }
        float[] coefficients = transform.apply(images, 2);
        assertArrayEquals(new Scattering2D(2, 2, 16, 16).transform(images, 6), coefficients);
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = backbone.block();
            block.initialize(m, DataType.FLOAT32, new Shape(2, 3, 16, 16));
            ParameterStore store = new ParameterStore(m, false);
            float[] fromImages = block.forward(store, new NDList(m.create(images, new Shape(2, 3, 16, 16))), false)
                    .head().toFloatArray();
            float[] fromCoefficients = block.forward(store,
                    new NDList(m.create(coefficients, new Shape(2, 3 * k, 4, 4))), false).head().toFloatArray();
            assertArrayEquals(fromImages, fromCoefficients, 1e-6f);
            assertThrows(IllegalArgumentException.class, () -> block.forward(store,
                    new NDList(m.ones(new Shape(2, 3 * k, 8, 8))), false));
        }
    }

    /**
     * Trainable parameters of the adapters plus the 2048-2048-128 projection head against the
     * reference's 6.10M / 9.28M / 10.46M / 15.50M (J=2, L=16, 867 input channels), and exactly
     * against the count written out from the architecture table.
     */
    @ParameterizedTest
    @CsvSource({"scatsimclr8, 6.10", "scatsimclr12, 9.28", "scatsimclr16, 10.46", "scatsimclr30, 15.50", "scatsimclr45, 0"})
    void adapterParameterCountsMatchTheReference(String adapter, double millionsWithHead) {
        Backbone backbone = plugin.create(new ScatNetParameters(2, 16, adapter), new ImageShape(3, 32, 32));
        assertEquals(2048, backbone.featureDim());
        long head = 2048L * 2048 + 2048 + 2048L * 128 + 128;
        try (NDManager m = NDManager.newBaseManager()) {
            backbone.block().initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            long count = trainableCount(backbone.block());
            assertEquals(expectedAdapterCount(adapter, 867, 1), count);
            if (millionsWithHead > 0) {
                assertEquals(millionsWithHead, Math.round((count + head) / 1e4) / 100.0, 1e-9);
            }
        }
    }

    /** conv3x3 867->C0 + BN, then BasicBlocks: two conv3x3 + two BN, conv1x1 + BN shortcut on a width change. */
    private static long expectedAdapterCount(String adapter, int inputChannels, int divisor) {
        int[][] stages = switch (adapter) {
            case "scatsimclr8" -> new int[][] {{32}, {64, 4}, {128, 4}};
            case "scatsimclr12" -> new int[][] {{256}, {128, 4}, {64, 4}, {128, 4}};
            case "scatsimclr16" -> new int[][] {{256}, {128, 6}, {64, 4}, {128, 6}};
            case "scatsimclr30" -> new int[][] {{256}, {128, 30}};
            default -> new int[][] {{256}, {128, 15}, {64, 15}, {128, 15}};
        };
        int in = stages[0][0] / divisor;
        long count = (long) inputChannels * in * 9 + 2L * in;
        for (int s = 1; s < stages.length; s++) {
            int out = stages[s][0] / divisor;
            for (int b = 0; b < stages[s][1]; b++) {
                count += 9L * in * out + 9L * out * out + 4L * out;
                if (in != out) {
                    count += (long) in * out + 2L * out;
                }
                in = out;
            }
        }
        return count;
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

    /**
     * A training step through a quarter-width adapter on 28x28 grey images (7x7 maps, adaptive
     * pooling by products): 8/16/32 channels, 512-d features.
     */
    @Test
    void narrowAdapterTrainsOnOddSizedMaps() {
        Backbone backbone = plugin.create(new ScatNetParameters(2, 2, "scatsimclr8", 0.25), new ImageShape(1, 28, 28));
        assertEquals(32 * 16, backbone.featureDim());
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = backbone.block();
            block.initialize(m, DataType.FLOAT32, new Shape(4, 1, 28, 28));
            assertEquals(expectedAdapterCount("scatsimclr8", Scattering2D.coefficients(2, 2), 4), trainableCount(block));
            NDArray x = m.randomUniform(0, 1, new Shape(4, 1, 28, 28));
            ParameterStore store = new ParameterStore(m, false);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = block.forward(store, new NDList(x), true).head();
                assertEquals(new Shape(4, 512), y.getShape());
                collector.backward(y.square().sum());
            }
            NDArray stemGrad = ((ScatNet) block).getChildren().get("02stem").getParameters().get(0).getValue()
                    .getArray().getGradient();
            assertTrue(stemGrad.abs().sum().getFloat() > 0, "the stem convolution receives a gradient");
            NDArray eval = block.forward(store, new NDList(x), false).head();
            assertEquals(new Shape(4, 512), eval.getShape());
        }
    }

    /** AdaptiveAvgPool2d(4): torch's bins [floor(i n / 4), ceil((i + 1) n / 4)) on both code paths. */
    @ParameterizedTest
    @CsvSource({"7, 5", "8, 8", "24, 24", "3, 6"})
    void adaptivePoolingFollowsTorchBins(int h, int w) {
        Random random = new Random(h * 100L + w);
        float[] values = new float[2 * 3 * h * w];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            float[] pooled = AdaptiveAvgPool.pool(m.create(values, new Shape(2, 3, h, w)), 4).toFloatArray();
            assertEquals(2 * 3 * 16, pooled.length);
            for (int p = 0; p < 6; p++) {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        int r0 = i * h / 4;
                        int r1 = ((i + 1) * h + 3) / 4;
                        int c0 = j * w / 4;
                        int c1 = ((j + 1) * w + 3) / 4;
                        double sum = 0;
                        for (int r = r0; r < r1; r++) {
                            for (int c = c0; c < c1; c++) {
                                sum += values[p * h * w + r * w + c];
                            }
                        }
                        assertEquals(sum / ((r1 - r0) * (c1 - c0)), pooled[p * 16 + i * 4 + j], 1e-5, "plane " + p + " cell " + i + "," + j);
                    }
                }
            }
        }
    }
}
