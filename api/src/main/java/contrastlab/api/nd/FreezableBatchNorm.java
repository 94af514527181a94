package contrastlab.api.nd;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

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

    /**
     * @param epsilon added to the variance
     * @param momentum weight of the old running statistics in their update (MXNet's convention)
     */
    public FreezableBatchNorm(float epsilon, float momentum) {
        super(VERSION, epsilon, momentum);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray gammaValue = parameterStore.getValue(gamma, input.getDevice(), training);
        NDArray betaValue = parameterStore.getValue(beta, input.getDevice(), training);
        NDArray meanValue = parameterStore.getValue(runningMean, input.getDevice(), training);
        NDArray varValue = parameterStore.getValue(runningVar, input.getDevice(), training);
        if (!(training && isFrozen())) {
            return BatchNorm.batchNorm(input, meanValue, varValue, gammaValue, betaValue, AXIS, momentum, epsilon,
                    training);
        }
        return frozenForward(input, gammaValue, betaValue, meanValue, varValue);
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
