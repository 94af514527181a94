package contrastlab.plugins.method.common;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import contrastlab.api.nd.Ops;
import java.util.List;

/**
 * In-batch contrastive losses on cosine similarity (NT-Xent and its multi-positive form), written
 * with ops every engine has: no gather, no top-k, masks instead of indexing.
 */
public final class ContrastiveLoss {

    private static final int[] ROWS = {1};

    private ContrastiveLoss() {}

    /**
     * NT-Xent (SimCLR) over the views of a batch: the {@code V·N} rows are anchors, each anchor's
     * positives are the same image's other views, and every other row is a negative.
     *
     * @param manager where the masks are created (the step's manager)
     * @param projections one {@code (N, d)} batch of un-normalised projections per view, V >= 2
     * @param temperature the softmax temperature tau
     * @return for V = 2 exactly {@code -1/2N sum_i log(exp(s_ip/tau) / sum_{k != i} exp(s_ik/tau))};
     *     for V > 2 the mean over each anchor's V - 1 positives of that log-ratio
     */
    public static ContrastiveOutput ntXent(NDManager manager, List<NDArray> projections, float temperature) {
        if (projections.size() < 2) {
            throw new IllegalArgumentException("NT-Xent needs at least 2 views, got " + projections.size());
        }
        int n = Math.toIntExact(projections.get(0).getShape().get(0));
        NDArray z = NDArrays.concat(new NDList(projections), 0);
        return multiPositive(manager, z, viewPositives(manager, n, projections.size()), temperature);
    }

    /**
     * The multi-positive InfoNCE of SupCon on cosine similarity: rows of {@code z} are anchors; for
     * anchor a with positives P(a), {@code l_a = -1/|P(a)| sum_{p in P(a)} log(exp(s_ap/tau) /
     * sum_{k != a} exp(s_ak/tau))}; the loss is the mean of l_a over the anchors that have a positive.
     *
     * @param manager where the masks are created (the step's manager)
     * @param z un-normalised embeddings {@code (M, d)}; they are L2-normalised here
     * @param positives {@code (M, M)} float 0/1 mask of positive pairs, zero on the diagonal
     * @param temperature the softmax temperature tau
     */
    public static ContrastiveOutput multiPositive(NDManager manager, NDArray z, NDArray positives, float temperature) {
        int m = Math.toIntExact(z.getShape().get(0));
        NDArray unit = Ops.l2Normalize(z);
        NDArray cosine = unit.matMul(unit.transpose());
        NDArray eye = manager.eye(m);
        // self-similarity pushed to MASK_VALUE (not -inf: 0 * -inf would be NaN below)
        NDArray logits = cosine.div(temperature).add(eye.mul(Ops.MASK_VALUE));
        NDArray logProb = logits.logSoftmax(1);
        NDArray counts = positives.sum(ROWS);
        NDArray perAnchor = logProb.mul(positives).sum(ROWS).div(counts.maximum(1f)).neg();
        NDArray hasPositive = counts.gt(0f).toType(DataType.FLOAT32, false);
        NDArray loss = perAnchor.mul(hasPositive).sum().div(hasPositive.sum().maximum(1f));

        NDArray detached = cosine.stopGradient();
        NDArray negatives = eye.add(positives).neg().add(1f);
        NDArray posSim = detached.mul(positives).sum().div(positives.sum().maximum(1f));
        NDArray negSim = detached.mul(negatives).sum().div(negatives.sum().maximum(1f));
        return new ContrastiveOutput(loss, posSim, negSim);
    }

    /**
     * The positive mask of {@code views} stacked view-major batches of {@code n} images: row
     * {@code v·n + i} and column {@code w·n + j} are positive when i = j and v != w.
     */
    public static NDArray viewPositives(NDManager manager, int n, int views) {
        NDArray sameImage = manager.eye(n).tile(new long[] {views, views});
        return sameImage.sub(manager.eye(n * views));
    }
}
