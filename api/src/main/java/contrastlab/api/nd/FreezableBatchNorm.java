package contrastlab.api.nd;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * DJL's {@link BatchNorm} (same parameters, same checkpoint bytes) that can also be frozen: a frozen
 * block, run in training mode, normalises with its running statistics and leaves them unchanged, while
 * gamma and beta still get gradients. That is Keras' {@code model(x, training=False)} inside a
 * training step, the fine-tuning protocol of G-SimCLR.
 *
 * <p>Why not an inference-mode forward and backward instead: on MXNet with MKL-DNN that backward is
 * several times slower than a training-mode one (6.5x on an idle machine, measured by the runtime's
 * FinetuneBackwardTiming), while a frozen block keeps the whole step on the training path.
 */
public final class FreezableBatchNorm extends AbstractBatchNorm {

    /** DJL's BatchNorm encoding version, so checkpoints of either block load into the other. */
    private static final byte VERSION = 2;

    private static final int AXIS = 1;

    private volatile boolean frozen;

    /**
     * @param epsilon added to the variance
     * @param momentum weight of the old running statistics in their update (MXNet's convention)
     */
    public FreezableBatchNorm(float epsilon, float momentum) {
        super(VERSION, epsilon, momentum);
    }

    /** Freezes (or unfreezes) the running statistics of this block. */
    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }

    public boolean isFrozen() {
        return frozen;
    }

    /**
     * Freezes every FreezableBatchNorm in {@code root}'s tree.
     *
     * @return false when the tree also holds running statistics of another block (DJL's BatchNorm, a
     *     plugin's own normalisation) or a Dropout, which only a true inference-mode forward freezes
     */
    public static boolean freezeAll(Block root, boolean frozen) {
        int freezable = 0;
        boolean dropout = false;
        Deque<Block> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Block block = pending.pop();
            if (block instanceof FreezableBatchNorm norm) {
                norm.setFrozen(frozen);
                freezable++;
            }
            dropout |= block instanceof Dropout;
            block.getChildren().values().forEach(pending::push);
        }
        long statistics = root.getParameters().values().stream()
                .filter(parameter -> parameter.getType() == Parameter.Type.RUNNING_MEAN).count();
        return !dropout && statistics == freezable;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray gammaValue = parameterStore.getValue(gamma, input.getDevice(), training);
        NDArray betaValue = parameterStore.getValue(beta, input.getDevice(), training);
        NDArray meanValue = parameterStore.getValue(runningMean, input.getDevice(), training);
        NDArray varValue = parameterStore.getValue(runningVar, input.getDevice(), training);
        if (!(training && frozen)) {
            return BatchNorm.batchNorm(input, meanValue, varValue, gammaValue, betaValue, AXIS, momentum, epsilon,
                    training);
        }
        // y = x * gamma / sqrt(var + eps) + (beta - mean * gamma / sqrt(var + eps)); the statistics carry no
        // gradient (constants). Each op starts from an array of the step's manager, so its result lives there
        // rather than in the long-lived parameters' manager.
        NDManager step = input.getManager();
        NDArray scale = step.create(1f).mul(gammaValue).div(step.create(epsilon).add(varValue).sqrt());
        NDArray shift = step.create(0f).add(betaValue).sub(scale.mul(meanValue));
        if (input.getShape().dimension() == 4) {
            // as a depthwise 1x1 convolution: MKL-DNN keeps its layout, where broadcast ops reorder and reduce slowly
            return new NDList(Conv2d.conv2d(input, scale.reshape(channels, 1, 1, 1), shift, new Shape(1, 1),
                    new Shape(0, 0), new Shape(1, 1), (int) channels));
        }
        Shape broadcast = channelShape(input.getShape().dimension());
        return new NDList(input.mul(scale.reshape(broadcast)).add(shift.reshape(broadcast)));
    }

    private Shape channelShape(int dimensions) {
        long[] shape = new long[dimensions];
        Arrays.fill(shape, 1);
        shape[AXIS] = channels;
        return new Shape(shape);
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeLong(channels);
    }

    @Override
    public void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        if (loadVersion == VERSION) {
            readInputShapes(is);
        } else if (loadVersion != 1) {
            throw new MalformedModelException("Unsupported encoding version: " + loadVersion);
        }
        channels = is.readLong();
    }
}
