package contrastlab.plugins.backbone.resnet;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import contrastlab.api.nd.AbstractBatchNorm;

/**
 * MoCo's SplitBatchNorm over NCHW: in training the batch is normalised in {@code splits} groups
 * (image n in group n mod splits) with statistics of its own group, so a group's images do not see
 * the statistics of the rest of the batch; in inference the running statistics averaged over the
 * groups are used, as they are when the block is frozen ({@link AbstractBatchNorm#setFrozen}).
 *
 * <p>Training reshapes {@code (N, C, H, W)} to {@code (N/k, k·C, H, W)} and runs one ordinary
 * BatchNorm with gamma and beta tiled k times — the trick of the MoCo CIFAR-10 demo and lightly.
 * The running statistics are kept per group ({@code k·C} values), so the engine updates them in place
 * as for a plain BatchNorm; their mean over the groups follows exactly the original's update, which
 * averages the groups' updated statistics back into one {@code C}-vector after every forward.
 */
final class SplitBatchNorm extends AbstractBatchNorm {

    private static final byte VERSION = 1;

    private final int splits;

    SplitBatchNorm(int splits, float epsilon, float momentum) {
        super(VERSION, epsilon, momentum);
        if (splits < 1) {
            throw new IllegalArgumentException("batch-norm splits must be at least 1, got " + splits);
        }
        this.splits = splits;
    }

    /** Kept per group: k·C values. */
    @Override
    protected long statisticsSize() {
        return channels * splits;
    }

    int splits() {
        return splits;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        NDManager scratch = x.getManager();
        NDArray g = parameterStore.getValue(gamma, device, training);
        NDArray b = parameterStore.getValue(beta, device, training);
        NDArray mean = parameterStore.getValue(runningMean, device, training);
        NDArray var = parameterStore.getValue(runningVar, device, training);
        Shape shape = x.getShape();
        long n = shape.get(0);
        if (!training || isFrozen()) {
            // temporaries derived from the long-lived statistics go to the batch's manager, not theirs
            NDArray m = local(local(mean.reshape(splits, channels), scratch).mean(new int[] {0}), scratch);
            NDArray v = local(local(var.reshape(splits, channels), scratch).mean(new int[] {0}), scratch);
            // frozen in a training step: the same group-averaged statistics as inference, gamma and beta trained
            return training ? frozenForward(x, g, b, m, v)
                    : BatchNorm.batchNorm(x, m, v, g, b, 1, momentum, epsilon, false);
        }
        if (n % splits != 0) {
            throw new IllegalArgumentException("SplitBatchNorm with " + splits + " splits needs a batch divisible by "
                    + splits + ", got " + n);
        }
        long[] grouped = shape.getShape().clone();
        grouped[0] = n / splits;
        grouped[1] = channels * splits;
        NDArray gt = local(g.tile(splits), scratch);
        NDArray bt = local(b.tile(splits), scratch);
        NDArray y = BatchNorm.batchNorm(x.reshape(new Shape(grouped)), mean, var, gt, bt, 1, momentum, epsilon, true)
                .singletonOrThrow();
        return new NDList(y.reshape(shape));
    }

    private static NDArray local(NDArray array, NDManager manager) {
        array.attach(manager);
        return array;
    }

}
