package contrastlab.plugins.backbone.gsimclr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import contrastlab.api.backbone.BackbonePlugin;
import contrastlab.api.dataset.ImageShape;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class GsimclrResNetTest {

    private final GsimclrResNetPlugin plugin = new GsimclrResNetPlugin();

    @Test
    void isDiscoveredWithItsDefaults() {
        assertTrue(ServiceLoader.load(BackbonePlugin.class).stream().anyMatch(p -> p.type() == GsimclrResNetPlugin.class));
        assertEquals("gsimclr-resnet", plugin.name());
        assertEquals(new GsimclrResNetParameters(3, 16), plugin.defaults());
    }

    /**
     * The notebook's {@code resnet_headless_model.summary()} and the methods reference give 1,121,344
     * parameters: Keras counts every weight, including each BatchNormalization's moving mean and
     * variance (non-trainable). DJL keeps those as parameters too (RUNNING_MEAN / RUNNING_VAR), so all
     * parameters must sum to the same number; without them (gamma and beta only) 1,114,400 train.
     */
    @Test
    void parameterCountMatchesKeras() {
        Backbone backbone = plugin.create(plugin.defaults(), new ImageShape(3, 32, 32));
        assertEquals(256, backbone.featureDim());
        try (NDManager m = NDManager.newBaseManager()) {
            backbone.block().initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            long all = 0;
            long trainable = 0;
            long runningStats = 0;
            for (Pair<String, Parameter> p : backbone.block().getParameters()) {
                long size = p.getValue().getArray().getShape().size();
                all += size;
                if (p.getValue().requiresGradient()) {
                    trainable += size;
                }
                if (p.getValue().getType() == Parameter.Type.RUNNING_MEAN
                        || p.getValue().getType() == Parameter.Type.RUNNING_VAR) {
                    runningStats += size;
                }
            }
            assertEquals(1_121_344, all);
            assertEquals(1_114_400, trainable);
            assertEquals(all - trainable, runningStats);
        }
    }

    @Test
    void featuresOfCifarAndFashionMnistImages() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (ImageShape input : new ImageShape[] {new ImageShape(3, 32, 32), new ImageShape(1, 28, 28)}) {
                Block block = plugin.create(plugin.defaults(), input).block();
                Shape batch = new Shape(2, input.channels(), input.height(), input.width());
                block.initialize(m, DataType.FLOAT32, batch);
                assertEquals(new Shape(2, 256), block.getOutputShapes(new Shape[] {batch})[0]);
                NDList out = block.forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1, batch)), false);
                assertEquals(1, out.size());
                assertEquals(new Shape(2, 256), out.head().getShape());
                // pooled ReLU outputs
                assertTrue(out.head().min().getFloat() >= 0);
            }
        }
    }

    @Test
    void widthAndBlocksScaleTheNet() {
        GsimclrResNetParameters small = new GsimclrResNetParameters(1, 4);
        Backbone backbone = plugin.create(small, new ImageShape(1, 28, 28));
        assertEquals(64, backbone.featureDim());
        try (NDManager m = NDManager.newBaseManager()) {
            backbone.block().initialize(m, DataType.FLOAT32, new Shape(3, 1, 28, 28));
            NDArray out = backbone.block().forward(new ParameterStore(m, false),
                    new NDList(m.randomUniform(0, 1, new Shape(3, 1, 28, 28))), false).head();
            assertEquals(new Shape(3, 64), out.getShape());
            long count = 0;
            for (Pair<String, Parameter> p : backbone.block().getParameters()) {
                count += p.getValue().getArray().getShape().size();
            }
            assertEquals(expectedCount(1, 4, 1), count);
        }
        assertThrows(IllegalArgumentException.class, () -> new GsimclrResNetParameters(3, 0));
        assertThrows(IllegalArgumentException.class, () -> new GsimclrResNetParameters(-1, 16));
    }

    /** The parameter count written out layer by layer (Keras' way: conv weights + bias, BN 4 x channels). */
    private static long expectedCount(int blocks, int w, int inChannels) {
        long count = conv(inChannels, w, 3) + bn(w);
        int[] filters = {w, 4 * w, 8 * w};
        int[] outs = {4 * w, 8 * w, 16 * w};
        int in = w;
        for (int g = 0; g < 3; g++) {
            int f = filters[g];
            int o = outs[g];
            // projection: shortcut conv without BN, then the three convolutions with BN
            count += conv(in, o, 1) + conv(in, f, 1) + bn(f) + conv(f, f, 3) + bn(f) + conv(f, o, 1) + bn(o);
            count += blocks * (conv(o, f, 1) + bn(f) + conv(f, f, 3) + bn(f) + conv(f, o, 1) + bn(o));
            in = o;
        }
        return count;
    }

    private static long conv(int in, int out, int k) {
        return (long) in * out * k * k + out;
    }

    private static long bn(int channels) {
        return 4L * channels;
    }

    @Test
    void theFormulaAgreesWithTheDocumentedCount() {
        assertEquals(1_121_344, expectedCount(3, 16, 3));
    }

    /**
     * TensorFlow's "same" padding of a stride-2 3x3 convolution: on an even size nothing above and one
     * zero row below, so output (i, j) reads input rows 2i..2i+2; on an odd size one zero row on each
     * side. A kernel with a single 1 at its top-left tap shows which input pixel each output reads.
     */
    @Test
    void strideTwoConvolutionPadsLikeTensorFlow() {
        assertArrayEquals(new int[] {0, 1}, SameStridedConv.padding(4));
        assertArrayEquals(new int[] {1, 1}, SameStridedConv.padding(5));
        assertArrayEquals(new int[] {0, 1}, SameStridedConv.padding(28));
        assertArrayEquals(new int[] {0, 1}, SameStridedConv.padding(14));
        try (NDManager m = NDManager.newBaseManager()) {
            // 4x4 input 0..15: top-left tap reads x[2i][2j]
            assertArrayEquals(new float[] {0, 2, 8, 10}, topLeftTap(m, 4), 0f);
            // 5x5 input 0..24 padded by one: x[2i-1][2j-1], zero outside
            assertArrayEquals(new float[] {0, 0, 0, 0, 6, 8, 0, 16, 18}, topLeftTap(m, 5), 0f);
        }
    }

    private static float[] topLeftTap(NDManager m, int size) {
        SameStridedConv conv = new SameStridedConv(1);
        Shape shape = new Shape(1, 1, size, size);
        conv.initialize(m, DataType.FLOAT32, shape);
        for (Pair<String, Parameter> p : conv.getParameters()) {
            NDArray array = p.getValue().getArray();
            float[] values = new float[(int) array.size()];
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                values[0] = 1;
            }
            array.set(values);
        }
        NDArray x = m.arange(0f, size * size).reshape(shape);
        NDArray y = conv.forward(new ParameterStore(m, false), new NDList(x), false).head();
        int out = (size + 1) / 2;
        assertEquals(new Shape(1, 1, out, out), y.getShape());
        return y.toFloatArray();
    }

    @Test
    void convolutionsGetHeNormalAndZeroBias() {
        Backbone backbone = plugin.create(plugin.defaults(), new ImageShape(3, 32, 32));
        try (NDManager m = NDManager.newBaseManager()) {
            backbone.block().initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            Parameter largest = null;
            for (Pair<String, Parameter> p : backbone.block().getParameters()) {
                Parameter param = p.getValue();
                if (param.getType() == Parameter.Type.BIAS) {
                    assertEquals(0f, param.getArray().abs().max().getFloat(), p.getKey());
                }
                if (param.getType() == Parameter.Type.WEIGHT && param.getArray().getShape().dimension() == 4
                        && (largest == null || param.getArray().size() > largest.getArray().size())) {
                    largest = param;
                }
            }
            // a 3x3 conv of 128 -> 128 channels: fan_in 1152, std sqrt(2/1152), |w| <= 2 x sqrt(2/1152)/0.8796
            NDArray w = largest.getArray();
            assertEquals(new Shape(128, 128, 3, 3), w.getShape());
            double std = Math.sqrt(2.0 / 1152);
            double measured = Math.sqrt(w.square().mean().getFloat());
            assertEquals(std, measured, 0.03 * std);
            assertTrue(w.abs().max().getFloat() <= 2 * std / 0.87962566103423978 + 1e-6);
        }
    }

    @Test
    void trainsThroughThePaddedConvolutions() {
        Backbone backbone = plugin.create(new GsimclrResNetParameters(1, 4), new ImageShape(1, 28, 28));
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = backbone.block();
            block.initialize(m, DataType.FLOAT32, new Shape(4, 1, 28, 28));
            NDArray x = m.randomUniform(0, 1, new Shape(4, 1, 28, 28));
            try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                NDArray out = block.forward(new ParameterStore(m, false), new NDList(x), true).head();
                collector.backward(out.square().sum());
            }
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getValue().getType() == Parameter.Type.WEIGHT && p.getKey().contains("conv2")) {
                    assertTrue(p.getValue().getArray().getGradient().abs().sum().getFloat() > 0, p.getKey());
                }
            }
        }
    }
}
