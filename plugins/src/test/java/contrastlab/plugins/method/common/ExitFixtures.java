package contrastlab.plugins.method.common;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.method.LossResult;
import contrastlab.api.method.Method;
import contrastlab.api.method.MethodContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** A fast multi-exit stand-in backbone and labelled synthetic batches for the multi-exit method tests. */
public final class ExitFixtures {

    private ExitFixtures() {}

    /**
     * Features: flatten, Linear(192, 32), BatchNorm, ReLU; exit i: flatten, Linear(192, exitDims[i]).
     * Outputs [features, exit 1, ...] like a multi-exit ResNet.
     */
    public static Backbone exitBackbone(Integer... exitDims) {
        List<Block> branches = new ArrayList<>();
        branches.add(MethodFixtures.mlpBackbone().block());
        for (int d : exitDims) {
            SequentialBlock exit = new SequentialBlock();
            exit.add(Blocks.batchFlattenBlock());
            exit.add(MlpHead.build(MethodFixtures.IMAGE.size(), List.of(d), false, false));
            exit.add(Activation.reluBlock());
            branches.add(exit);
        }
        ParallelBlock block = new ParallelBlock(outs -> {
            NDList all = new NDList();
            outs.forEach(o -> all.add(o.head()));
            return all;
        }, branches);
        return new Backbone(block, 32, List.of(exitDims));
    }

    public static MethodContext context(Backbone backbone, int views, int batchSize, int numClasses) {
        return new MethodContext(backbone, views, batchSize, numClasses, MethodFixtures.IMAGE, () -> {
            throw new AssertionError("no second backbone");
        });
    }

    /** n images: a pattern per class (label i % classes) plus an image-specific pattern. */
    public static float[] images(Random random, int n, int classes) {
        int size = MethodFixtures.IMAGE.size();
        float[][] prototypes = new float[classes][];
        for (int c = 0; c < classes; c++) {
            prototypes[c] = MethodFixtures.gaussian(random, size, 1f);
        }
        float[] x = new float[n * size];
        for (int i = 0; i < n; i++) {
            float[] own = MethodFixtures.gaussian(random, size, 0.5f);
            for (int j = 0; j < size; j++) {
                x[i * size + j] = prototypes[i % classes][j] + own[j];
            }
        }
        return x;
    }

    public static int[] labels(int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
        }
        return y;
    }

    /**
     * One step with the given views (each n images) and labels: loss and backward in a collector, then
     * plain SGD on every trainable parameter with {@code lr > 0}.
     */
    public static LossResultValues step(NDManager root, ParameterStore store, Block backbone, Method method,
            List<float[]> views, int[] labels, float lr) {
        int n = labels.length;
        try (NDManager m = root.newSubManager()) {
            Shape shape = new Shape(n, MethodFixtures.IMAGE.channels(), MethodFixtures.IMAGE.height(),
                    MethodFixtures.IMAGE.width());
            List<NDArray> arrays = new ArrayList<>();
            for (float[] v : views) {
                arrays.add(m.create(v, shape));
            }
            TestStep step = new TestStep(m, arrays, Optional.of(m.create(labels)), backbone, store, true);
            LossResultValues out;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                LossResult result = method.loss(step);
                collector.backward(result.loss());
                out = new LossResultValues(result.loss().getFloat(),
                        result.monitors().values().stream().allMatch(v -> Float.isFinite(v.getFloat())));
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
            }
            return out;
        }
    }

    /** A step's loss and whether every monitor was finite. */
    public record LossResultValues(double loss, boolean monitorsFinite) {}
}
