package contrastlab.api.nd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.Dropout;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The parameters of a BatchNorm over axis 1 as DJL's {@code BatchNorm} declares them (gamma, beta,
 * runningMean, runningVar, in that order, so checkpoints line up), for normalisation blocks that need
 * their own forward ({@link FreezableBatchNorm}, MoCo's SplitBatchNorm), and their freezing: a frozen
 * block, run in training mode, normalises with fixed statistics and leaves its running statistics
 * unchanged while gamma and beta still get gradients ({@link #freezeAll}).
 */
public abstract class AbstractBatchNorm extends AbstractBlock {

    protected final float epsilon;
    /** Weight of the old running statistics in their update (MXNet's convention). */
    protected final float momentum;
    protected final Parameter gamma;
    protected final Parameter beta;
    protected final Parameter runningMean;
    protected final Parameter runningVar;
    /** Size of axis 1 of the input, known once the block is initialised. */
    protected long channels;

    private volatile boolean frozen;

    protected AbstractBatchNorm(byte version, float epsilon, float momentum) {
        super(version);
        this.epsilon = epsilon;
        this.momentum = momentum;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
        runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                .optRequiresGrad(false).build());
        runningVar = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                .optRequiresGrad(false).build());
    }

    /**
     * Freezes every {@link AbstractBatchNorm} in {@code root}'s tree ({@link FreezableBatchNorm} and, e.g.,
     * MoCo's SplitBatchNorm, which freezes to its group-averaged statistics).
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
            if (block instanceof AbstractBatchNorm norm) {
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

    /** Freezes (or unfreezes) the running statistics of this block. */
    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }

    public boolean isFrozen() {
        return frozen;
    }

    /**
     * The frozen training-mode forward: {@code y = x * gamma / sqrt(var + eps) + (beta - mean * gamma /
     * sqrt(var + eps))} with {@code mean} and {@code var} (C values each) as constants, so gamma and beta
     * get gradients and no statistic changes.
     */
    protected NDList frozenForward(NDArray input, NDArray gammaValue, NDArray betaValue, NDArray mean, NDArray var) {
        // Each op starts from an array of the step's manager, so its result lives there rather than in the
        // long-lived parameters' manager.
        NDManager step = input.getManager();
        NDArray scale = step.create(1f).mul(gammaValue).div(step.create(epsilon).add(var).sqrt());
        NDArray shift = step.create(0f).add(betaValue).sub(scale.mul(mean));
        if (input.getShape().dimension() == 4) {
            // as a depthwise 1x1 convolution: MKL-DNN keeps its layout, where broadcast ops reorder and reduce slowly
            return new NDList(Conv2d.conv2d(input, scale.reshape(channels, 1, 1, 1), shift, new Shape(1, 1),
                    new Shape(0, 0), new Shape(1, 1), (int) channels));
        }
        long[] broadcast = new long[input.getShape().dimension()];
        Arrays.fill(broadcast, 1);
        broadcast[1] = channels;
        Shape channelShape = new Shape(broadcast);
        return new NDList(input.mul(scale.reshape(channelShape)).add(shift.reshape(channelShape)));
    }

    /** How many running statistics of each kind the block keeps: one per channel unless overridden. */
    protected long statisticsSize() {
        return channels;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        channels = inputShapes[0].get(1);
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        gamma.setShape(new Shape(channels));
        beta.setShape(new Shape(channels));
        runningMean.setShape(new Shape(statisticsSize()));
        runningVar.setShape(new Shape(statisticsSize()));
    }
}
