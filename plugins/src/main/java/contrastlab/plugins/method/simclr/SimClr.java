package contrastlab.plugins.method.simclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import contrastlab.api.method.LossResult;
import contrastlab.api.method.Method;
import contrastlab.api.method.StepContext;
import contrastlab.plugins.method.common.ContrastiveLoss;
import contrastlab.plugins.method.common.ContrastiveOutput;
import contrastlab.plugins.method.common.MlpHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SimCLR: each view is encoded and projected on its own (so BatchNorm statistics are per view, as in
 * lightly/contrastive2021), then NT-Xent over all views of the batch.
 */
final class SimClr implements Method {

    private final Block projector;
    private final int featureDim;
    private final float temperature;
    private final boolean jointViews;

    SimClr(Block projector, int featureDim, float temperature, boolean jointViews) {
        this.projector = projector;
        this.featureDim = featureDim;
        this.temperature = temperature;
        this.jointViews = jointViews;
    }

    @Override
    public Block block() {
        return projector;
    }

    /** {@code projector-k}: the output after the projector's k-th hidden Linear (and BN) and its ReLU. */
    @Override
    public Map<String, Block> featureTaps() {
        return projector instanceof SequentialBlock head ? MlpHead.taps("projector", head) : Map.of();
    }

    @Override
    public void initialize(NDManager manager, DataType dataType) {
        projector.initialize(manager, dataType, new Shape(1, featureDim));
    }

    @Override
    public LossResult loss(StepContext step) {
        List<NDArray> views = step.views();
        List<NDArray> projections = new ArrayList<>(views.size());
        if (jointViews) {
            NDArray features = step.encode(NDArrays.concat(new NDList(views), 0)).head();
            NDArray projected = step.forward(projector, new NDList(features)).head();
            projections.addAll(projected.split(views.size()));
        } else {
            for (NDArray view : views) {
                NDArray features = step.encode(view).head();
                projections.add(step.forward(projector, new NDList(features)).head());
            }
        }
        ContrastiveOutput out = ContrastiveLoss.ntXent(step.manager(), projections, temperature);
        return new LossResult(out.loss(), Map.of("pos_sim", out.positiveSimilarity(), "neg_sim", out.negativeSimilarity()));
    }
}
