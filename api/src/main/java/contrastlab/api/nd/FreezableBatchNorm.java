package contrastlab.api.nd;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
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
 * <p>Why not an inference-mode forward and backward instead: on MXNet with MKL-DNN that backward is 3–4×
 * slower than a training-mode one (measured by the runtime's FinetuneBackwardTiming), while a frozen
 * block keeps the whole step on the training path.
 */
public final class FreezableBatchNorm extends AbstractBlock {

    /** DJL's BatchNorm encoding version, so checkpoints of either block load into the other. */
    private static final byte VERSION = 2;

    private final int axis;
    private final float epsilon;
    private final float momentum;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private long inChannels;
    private volatile boolean frozen;

    /**
     * @param epsilon added to the variance
     * @param momentum weight of the old running statistics in their update (MXNet's convention)
     */
    public FreezableBatchNorm(float epsilon, float momentum) {
        super(VERSION);
        this.axis = 1;
        this.epsilon = epsilon;
        this.momentum = momentum;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
        runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                .optRequiresGrad(false).build());
        runningVar = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                .optRequiresGrad(false).build());
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
            return BatchNorm.batchNorm(input, meanValue, varValue, gammaValue, betaValue, axis, momentum, epsilon,
                    training);
        }
        // y = x * gamma / sqrt(var + eps) + (beta - mean * gamma / sqrt(var + eps)), statistics as constants;
        // the per-channel vectors come first so the results live in the step's manager, not the parameters'
        NDArray scale = input.getManager().create(1f).mul(gammaValue)
                .div(varValue.stopGradient().add(epsilon).sqrt());
        NDArray shift = input.getManager().create(0f).add(betaValue)
                .sub(meanValue.stopGradient().mul(scale));
        if (input.getShape().dimension() == 4) {
            // as a depthwise 1x1 convolution: MKL-DNN keeps its layout, where broadcast ops reorder and reduce slowly
            return new NDList(Conv2d.conv2d(input, scale.reshape(inChannels, 1, 1, 1), shift, new Shape(1, 1),
                    new Shape(0, 0), new Shape(1, 1), (int) inChannels));
        }
        Shape broadcast = channelShape(input.getShape().dimension());
        return new NDList(input.mul(scale.reshape(broadcast)).add(shift.reshape(broadcast)));
    }

    private Shape channelShape(int dimensions) {
        long[] shape = new long[dimensions];
        Arrays.fill(shape, 1);
        shape[axis] = inChannels;
        return new Shape(shape);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        inChannels = inputShapes[0].size(axis);
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        Shape shape = new Shape(inChannels);
        gamma.setShape(shape);
        beta.setShape(shape);
        runningMean.setShape(shape);
        runningVar.setShape(shape);
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeLong(inChannels);
    }

    @Override
    public void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        if (loadVersion == VERSION) {
            readInputShapes(is);
        } else if (loadVersion != 1) {
            throw new MalformedModelException("Unsupported encoding version: " + loadVersion);
        }
        inChannels = is.readLong();
    }
}
