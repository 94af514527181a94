package contrastlab.plugins.method.simsiam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import contrastlab.api.method.LossResult;
import contrastlab.api.method.Method;
import contrastlab.api.method.StepContext;
import contrastlab.api.nd.Ops;
import contrastlab.plugins.method.common.CollapseMonitor;
import java.util.List;
import java.util.Map;

/**
 * SimSiam as lightly 1.0.8 / contrastive2021: each view encoded, projected ({@code z}) and predicted
 * ({@code p}) on its own; loss {@code -1/2 cos(p0, sg(z1)) - 1/2 cos(p1, sg(z0))}, each cosine
 * averaged over the batch. The stop-gradient keeps the target branch out of the backward pass.
 */
final class SimSiam implements Method {

    private static final int[] ROWS = {1};

    private final SequentialBlock heads = new SequentialBlock();
    private final Block projector;
    private final Block predictor;
    private final int featureDim;
    private final int projectionDim;

    SimSiam(Block projector, Block predictor, int featureDim, int projectionDim) {
        this.projector = projector;
        this.predictor = predictor;
        this.featureDim = featureDim;
        this.projectionDim = projectionDim;
        // one container so the runtime sees (initialises, checkpoints, trains) both heads
        heads.add(projector).add(predictor);
    }

    @Override
    public Block block() {
        return heads;
    }

    @Override
    public void initialize(NDManager manager, DataType dataType) {
        projector.initialize(manager, dataType, new Shape(2, featureDim));
        predictor.initialize(manager, dataType, new Shape(2, projectionDim));
    }

    @Override
    public LossResult loss(StepContext step) {
        List<NDArray> views = step.views();
        NDArray z0 = step.forward(projector, new NDList(step.encode(views.get(0)).head())).head();
        NDArray z1 = step.forward(projector, new NDList(step.encode(views.get(1)).head())).head();
        NDArray p0 = step.forward(predictor, new NDList(z0)).head();
        NDArray p1 = step.forward(predictor, new NDList(z1)).head();
        NDArray loss = negativeCosine(p0, z1).add(negativeCosine(p1, z0)).div(2f);
        NDArray zStd = CollapseMonitor.normalizedStd(z0).add(CollapseMonitor.normalizedStd(z1)).div(2f);
        return new LossResult(loss, Map.of("z_std", zStd));
    }

    /** {@code -mean_n cos(p_n, sg(z_n))}: no gradient flows into {@code z}. */
    static NDArray negativeCosine(NDArray p, NDArray z) {
        NDArray target = Ops.l2Normalize(z.stopGradient());
        return Ops.l2Normalize(p).mul(target).sum(ROWS).mean().neg();
    }
}
