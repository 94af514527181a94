package contrastlab.plugins.method.barlowtwins;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import contrastlab.api.method.LossResult;
import contrastlab.api.method.Method;
import contrastlab.api.method.StepContext;
import contrastlab.plugins.method.common.CollapseMonitor;
import java.util.List;
import java.util.Map;

/**
 * Barlow Twins as lightly 1.0.8 / contrastive2021 compute it: each view encoded and projected on its
 * own, each projection standardised per dimension over the batch (mean, unbiased std, no epsilon),
 * {@code C = z_a^T z_b / N}, loss {@code sum_i (1 - C_ii)^2 + lambda sum_{i != j} C_ij^2}.
 */
final class BarlowTwins implements Method {

    private static final int[] BATCH = {0};

    private final Block projector;
    private final int featureDim;
    private final float lambda;
    private final float scale;

    BarlowTwins(Block projector, int featureDim, float lambda, float scale) {
        this.projector = projector;
        this.featureDim = featureDim;
        this.lambda = lambda;
        this.scale = scale;
    }

    @Override
    public Block block() {
        return projector;
    }

    @Override
    public void initialize(NDManager manager, DataType dataType) {
        // batch 2: the projector's BatchNorms need no more to infer shapes
        projector.initialize(manager, dataType, new Shape(2, featureDim));
    }

    @Override
    public LossResult loss(StepContext step) {
        List<NDArray> views = step.views();
        NDArray za = step.forward(projector, new NDList(step.encode(views.get(0)).head())).head();
        NDArray zb = step.forward(projector, new NDList(step.encode(views.get(1)).head())).head();
        Terms terms = terms(za, zb);
        NDArray loss = objective(terms, lambda, scale);
        long d = za.getShape().get(1);
        NDArray zStd = CollapseMonitor.normalizedStd(za).add(CollapseMonitor.normalizedStd(zb)).div(2f);
        NDArray diagonal = terms.diagonal().stopGradient().mean();
        NDArray offRms = terms.offDiagonal().stopGradient().div((float) Math.max(1, d * d - d)).sqrt();
        return new LossResult(loss, Map.of("z_std", zStd, "cc_diag", diagonal, "cc_offdiag_rms", offRms));
    }

    /**
     * The two sums of the loss.
     *
     * @param diagonal {@code C_ii}, shape {@code (D)}
     * @param onDiagonal {@code sum_i (1 - C_ii)^2}
     * @param offDiagonal {@code sum_{i != j} C_ij^2}
     */
    record Terms(NDArray diagonal, NDArray onDiagonal, NDArray offDiagonal) {}

    /** {@code scale * (onDiagonal + lambda * offDiagonal)}. */
    static NDArray objective(Terms terms, float lambda, float scale) {
        return terms.onDiagonal().add(terms.offDiagonal().mul(lambda)).mul(scale);
    }

    /** The cross-correlation terms of two {@code (N, D)} projections. */
    static Terms terms(NDArray za, NDArray zb) {
        long n = za.getShape().get(0);
        NDArray a = standardize(za);
        NDArray b = standardize(zb);
        NDArray c = a.transpose().matMul(b).div((float) n);
        // C_ii straight from the columns, so no D x D identity mask is needed
        NDArray diagonal = a.mul(b).sum(BATCH).div((float) n);
        NDArray onDiagonal = diagonal.sub(1f).square().sum();
        NDArray offDiagonal = c.square().sum().sub(diagonal.square().sum());
        return new Terms(diagonal, onDiagonal, offDiagonal);
    }

    /** {@code (z - mean) / std} per column, with PyTorch's unbiased std. */
    static NDArray standardize(NDArray z) {
        long n = z.getShape().get(0);
        NDArray centered = z.sub(z.mean(BATCH, true));
        NDArray std = centered.square().sum(BATCH, true).div((float) (n - 1)).sqrt();
        return centered.div(std);
    }
}
