package contrastlab.api.nd;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;

/**
 * The parameters of a BatchNorm over axis 1 as DJL's {@code BatchNorm} declares them (gamma, beta,
 * runningMean, runningVar, in that order, so checkpoints line up), for normalisation blocks that need
 * their own forward ({@link FreezableBatchNorm}, MoCo's SplitBatchNorm).
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
