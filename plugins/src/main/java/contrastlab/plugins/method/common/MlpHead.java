package contrastlab.plugins.method.common;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.UniformInitializer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the MLP heads (projectors, predictors) of the methods from the input size and the output
 * size of each Linear layer: input 512 with layers {@code [512, 128]} is
 * Linear(512,512)-ReLU-Linear(512,128).
 */
public final class MlpHead {

    /** PyTorch's BatchNorm1d momentum 0.1, in DJL's convention (weight of the running value). */
    private static final float BN_MOMENTUM = 0.9f;

    private MlpHead() {}

    /**
     * An MLP with a ReLU after every layer but the last.
     *
     * @param inputDim size of the input vector
     * @param layers output size of each Linear layer, at least one
     * @param hiddenBatchNorm a BatchNorm between each hidden Linear and its ReLU
     * @param outputBatchNorm a BatchNorm after the last Linear
     * @return the head; a Linear followed by a BatchNorm has no bias, which the BN's shift replaces
     */
    public static SequentialBlock build(int inputDim, List<Integer> layers, boolean hiddenBatchNorm,
            boolean outputBatchNorm) {
        validate(layers);
        SequentialBlock head = new SequentialBlock();
        int in = inputDim;
        for (int i = 0; i < layers.size(); i++) {
            boolean last = i == layers.size() - 1;
            boolean norm = last ? outputBatchNorm : hiddenBatchNorm;
            head.add(linear(in, layers.get(i), !norm));
            if (norm) {
                head.add(BatchNorm.builder().optEpsilon(1e-5f).optMomentum(BN_MOMENTUM).build());
            }
            if (!last) {
                head.add(Activation.reluBlock());
            }
            in = layers.get(i);
        }
        return head;
    }

    /**
     * Feature taps inside a head built by {@link #build}: {@code prefix-k} is the output after the k-th
     * hidden layer's ReLU (k = 1 .. layers - 1), a block that runs the head's own first layers, so it
     * shares their parameters (G-SimCLR's P2 = {@code projector-1}, P1 = {@code projector-2} of a
     * {@code [256, 128, 50]} projector).
     */
    public static Map<String, Block> taps(String prefix, SequentialBlock head) {
        Map<String, Block> taps = new LinkedHashMap<>();
        List<Block> layers = head.getChildren().values();
        int relus = 0;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof LambdaBlock) {
                relus++;
                SequentialBlock tap = new SequentialBlock();
                tap.addAll(layers.subList(0, i + 1));
                taps.put(prefix + "-" + relus, tap);
            }
        }
        return java.util.Collections.unmodifiableMap(taps);
    }

    /** Rejects an empty list or a non-positive size, naming the recipe key {@code what}. */
    public static void validate(String what, List<Integer> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException(what + " needs at least one layer size, got " + layers);
        }
        for (Integer s : layers) {
            if (s == null || s <= 0) {
                throw new IllegalArgumentException(what + " sizes must be positive, got " + layers);
            }
        }
    }

    private static void validate(List<Integer> layers) {
        validate("an MLP head", layers);
    }

    /** A Linear initialised like PyTorch's nn.Linear: weight and bias U(-1/sqrt(in), 1/sqrt(in)). */
    public static Linear linear(int in, int out, boolean bias) {
        Linear linear = Linear.builder().setUnits(out).optBias(bias).build();
        UniformInitializer init = new UniformInitializer((float) (1.0 / Math.sqrt(in)));
        linear.setInitializer(init, Parameter.Type.WEIGHT);
        if (bias) {
            linear.setInitializer(init, Parameter.Type.BIAS);
        }
        return linear;
    }
}
