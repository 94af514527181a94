package contrastlab.plugins.method.common;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Optional;

/**
 * SelfCon's {@code ConLoss} (raymin0223/self-contrastive-learning, itself SupContrast's SupConLoss),
 * contrast mode 'all': the features {@code F[K, G, d]} of K instances in G groups (views, or exits
 * for SelfCon) are stacked group-major and every row is an anchor. Anchor a's positives are the
 * other rows with the same label, or without labels the same instance's rows in the other groups;
 *
 * <pre>L = (tau / tauBase) * mean over anchors with a positive of
 *      -1/|P(a)| sum_{p in P(a)} log(exp(z_a.z_p / tau) / sum_{k != a} exp(z_a.z_k / tau))</pre>
 *
 * The original divides by |P(a)| = 0 (NaN) where an anchor has no positive except in SupCon-S, which
 * drops such anchors; here they are always dropped, which equals the original wherever it is finite.
 */
public final class ConLoss {

    /** The original's fixed {@code base_temperature}. */
    public static final double BASE_TEMPERATURE = 0.07;

    private ConLoss() {}

    /**
     * @param manager where the masks are created (the step's manager)
     * @param groups G batches {@code (K, d)}, row i of every group being instance i; L2-normalised here
     * @param labels the K instances' labels, or empty for instance discrimination
     * @param temperature tau
     * @param baseTemperature tauBase; the loss is scaled by tau / tauBase
     */
    public static ContrastiveOutput loss(NDManager manager, List<NDArray> groups, Optional<NDArray> labels,
            double temperature, double baseTemperature) {
        int k = Math.toIntExact(groups.get(0).getShape().get(0));
        NDArray z = groups.size() == 1 ? groups.get(0) : NDArrays.concat(new NDList(groups), 0);
        NDArray positives = positives(manager, k, groups.size(), labels);
        ContrastiveOutput out = ContrastiveLoss.multiPositive(manager, z, positives, (float) temperature);
        NDArray scaled = out.loss().mul((float) (temperature / baseTemperature));
        return new ContrastiveOutput(scaled, out.positiveSimilarity(), out.negativeSimilarity());
    }

    /**
     * The {@code (G·K, G·K)} positive mask: the K x K instance mask (same label, or the identity
     * without labels) tiled over the groups, with the diagonal (the anchor itself) cleared.
     */
    public static NDArray positives(NDManager manager, int k, int groups, Optional<NDArray> labels) {
        NDArray instance;
        if (labels.isPresent()) {
            NDArray y = labels.get().toType(DataType.FLOAT32, false).reshape(k, 1);
            instance = y.eq(y.reshape(1, k)).toType(DataType.FLOAT32, false);
        } else {
            instance = manager.eye(k);
        }
        return instance.tile(new long[] {groups, groups}).sub(manager.eye(k * groups));
    }
}
