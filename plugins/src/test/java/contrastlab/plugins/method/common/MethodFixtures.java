package contrastlab.plugins.method.common;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.dataset.ImageShape;
import contrastlab.api.method.LossResult;
import contrastlab.api.method.Method;
import contrastlab.api.method.MethodContext;
import contrastlab.plugins.backbone.resnet.ResNetParameters;
import contrastlab.plugins.backbone.resnet.ResNetPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

/** Shared pieces of the method tests: a tiny ResNet, synthetic views, a plain SGD step, finite differences. */
public final class MethodFixtures {

    public static final ImageShape IMAGE = new ImageShape(3, 8, 8);

    private MethodFixtures() {}

    /** A ResNet-18 layout of width 4 on 8x8 images (32-d features), optionally with SplitBatchNorm. */
    public static Backbone tinyBackbone(int batchNormSplits) {
        return new ResNetPlugin().create(new ResNetParameters(18, "cifar", 4, false, batchNormSplits), IMAGE);
    }

    public static MethodContext context(int featureDim, int views, int batchSize, int batchNormSplits) {
        Backbone backbone = tinyBackbone(batchNormSplits);
        if (backbone.featureDim() != featureDim) {
            throw new IllegalArgumentException("the tiny backbone has " + backbone.featureDim() + " features, not " + featureDim);
        }
        return new MethodContext(backbone, views, batchSize, 0, IMAGE, () -> tinyBackbone(batchNormSplits));
    }

    /**
     * A fast stand-in backbone for loss-level tests: flatten, Linear(192, 32) (PyTorch's init),
     * BatchNorm, ReLU; 32-d features. A tiny ResNet costs seconds per step on a busy 2-core machine.
     */
    public static Backbone mlpBackbone() {
        SequentialBlock block = new SequentialBlock();
        block.add(Blocks.batchFlattenBlock());
        block.add(MlpHead.build(IMAGE.size(), List.of(32), false, true));
        block.add(Activation.reluBlock());
        return new Backbone(block, 32);
    }

    public static MethodContext mlpContext(int views, int batchSize) {
        return new MethodContext(mlpBackbone(), views, batchSize, 0, IMAGE, MethodFixtures::mlpBackbone);
    }

    public static float[] gaussian(Random random, int size, float scale) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) random.nextGaussian() * scale;
        }
        return x;
    }

    public static float[] noisy(Random random, float[] base, float scale) {
        float[] x = new float[base.length];
        for (int i = 0; i < base.length; i++) {
            x[i] = base[i] + (float) random.nextGaussian() * scale;
        }
        return x;
    }

    /**
     * One training step on two views of {@code n} images: loss and backward inside a collector; with
     * {@code lr > 0} plain SGD on every trainable parameter of the backbone and the method, then the
     * method's {@code afterStep}.
     */
    public static LossValues step(NDManager root, ParameterStore store, Block backbone, Method method, float[] v1,
            float[] v2, int n, float lr) {
        return step(root, store, backbone, method, List.of(v1, v2), Optional.empty(), n, lr);
    }

    /**
     * One training step on the given views (each {@code n} images of {@link #IMAGE}) and optional labels:
     * loss and backward inside a collector; with {@code lr > 0} plain SGD on every trainable parameter
     * of the backbone and the method, then the method's {@code afterStep}.
     */
    public static LossValues step(NDManager root, ParameterStore store, Block backbone, Method method,
            List<float[]> views, Optional<int[]> labels, int n, float lr) {
        try (NDManager m = root.newSubManager()) {
            Shape shape = new Shape(n, IMAGE.channels(), IMAGE.height(), IMAGE.width());
            List<NDArray> arrays = views.stream().map(v -> m.create(v, shape)).toList();
            Optional<NDArray> labelArray = labels.map(m::create);
            LossValues out;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                LossResult result = method.loss(new TestStep(m, arrays, labelArray, backbone, store, true));
                collector.backward(result.loss());
                List<String> names = new ArrayList<>(result.monitors().keySet());
                double[] monitors = new double[names.size()];
                for (int i = 0; i < names.size(); i++) {
                    monitors[i] = result.monitors().get(names.get(i)).getFloat();
                }
                out = new LossValues(result.loss().getFloat(), names, monitors);
            }
            if (lr > 0) {
                List<Parameter> parameters = new ArrayList<>(backbone.getParameters().values());
                parameters.addAll(method.block().getParameters().values());
                for (Parameter p : parameters) {
                    if (p.requiresGradient()) {
                        try (NDArray update = p.getArray().getGradient().mul(lr)) {
                            p.getArray().subi(update);
                        }
                    }
                }
                method.afterStep(new TestStep(m, arrays, labelArray, backbone, store, false));
            }
            return out;
        }
    }

    /**
     * Initialises {@code backbone} (for batches of {@code n} images of {@link #IMAGE}) and {@code method},
     * then runs {@code steps} SGD steps, step {@code s} on the views {@code views.apply(s)}; the values of
     * every step, in order.
     */
    public static List<LossValues> train(Backbone backbone, Method method, int n, int steps,
            IntFunction<List<float[]>> views, Optional<int[]> labels, float lr) {
        try (NDManager root = NDManager.newBaseManager()) {
            backbone.block().initialize(root, DataType.FLOAT32, new Shape(n, IMAGE.channels(), IMAGE.height(), IMAGE.width()));
            method.initialize(root, DataType.FLOAT32);
            ParameterStore store = new ParameterStore(root, false);
            List<LossValues> values = new ArrayList<>();
            for (int s = 0; s < steps; s++) {
                values.add(step(root, store, backbone.block(), method, views.apply(s), labels, n, lr));
            }
            return values;
        }
    }

    /** The mean loss of {@code values[from, to)}. */
    public static double meanLoss(List<LossValues> values, int from, int to) {
        return values.subList(from, to).stream().mapToDouble(LossValues::loss).average().orElseThrow();
    }

    /** A step's loss and monitors. */
    public record LossValues(double loss, List<String> names, double[] monitors) {
        public double monitor(String name) {
            return monitors[names.indexOf(name)];
        }

        public boolean monitorsFinite() {
            return java.util.Arrays.stream(monitors).allMatch(Double::isFinite);
        }
    }

    /** Central finite differences of {@code f} at {@code x} (double precision), one entry per coordinate. */
    public static double[] numericGradient(ToDoubleFunction<double[]> f, double[] x, double h) {
        double[] grad = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            grad[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
        }
        return grad;
    }

    public static double[] randomDoubles(Random random, int size, DoubleUnaryOperator shape) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = shape.applyAsDouble(random.nextGaussian());
        }
        return x;
    }

    public static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    public static double[] slice(double[] x, int from, int to) {
        return java.util.Arrays.copyOfRange(x, from, to);
    }
}
