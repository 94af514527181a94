package contrastlab.plugins.pretext.common;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import contrastlab.plugins.method.common.MlpHead;

/** Pieces the pretext tasks share: Linear-ReLU-Dropout stages and a cross-entropy on class indices. */
public final class PretextHeads {

    private PretextHeads() {}

    /** Appends Linear(in, out) (PyTorch's initialisation), ReLU and Dropout({@code rate}) to {@code head}. */
    public static void addStage(SequentialBlock head, int in, int out, double rate) {
        head.add(MlpHead.linear(in, out, true));
        head.add(Activation.reluBlock());
        head.add(Dropout.builder().optRate((float) rate).build());
    }

    /**
     * The mean cross-entropy of {@code logits} {@code (M, K)} against class indices {@code labels}
     * {@code (M)}, as PyTorch's {@code CrossEntropyLoss}; the targets become a one-hot mask made on the
     * host (MXNet has no gather).
     */
    public static NDArray crossEntropy(NDManager manager, NDArray logits, NDArray labels) {
        int[] classes = labels.toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
        int k = (int) logits.getShape().get(1);
        float[] oneHot = new float[classes.length * k];
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] >= k) {
                throw new IllegalArgumentException("pretext label " + classes[i] + " is outside [0, " + k + ")");
            }
            oneHot[i * k + classes[i]] = 1f;
        }
        NDArray targets = manager.create(oneHot, new Shape(classes.length, k));
        return logits.logSoftmax(1).mul(targets).sum(new int[] {1}).neg().mean();
    }
}
