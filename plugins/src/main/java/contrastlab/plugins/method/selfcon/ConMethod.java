package contrastlab.plugins.method.selfcon;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import contrastlab.api.method.LossResult;
import contrastlab.api.method.Method;
import contrastlab.api.method.StepContext;
import contrastlab.api.nd.Ops;
import contrastlab.plugins.method.common.ConLoss;
import contrastlab.plugins.method.common.ContrastiveOutput;
import contrastlab.plugins.method.common.ParallelHeads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ConLoss method. All views of a step are encoded as one batch (the original concatenates its two
 * crops before the forward pass, so BatchNorm sees both). Without exits the groups are the views of
 * the backbone head's output; with exits they are [exit heads..., backbone head] over all V·N rows,
 * every row its own instance (labels repeated per view), as SelfCon-M(U) does.
 */
final class ConMethod implements Method {

    private final Variant variant;
    private final ParallelHeads heads;
    private final List<Integer> inputDims;
    private final double temperature;
    private final double baseTemperature;

    /**
     * @param heads one head per input, in the order [exits..., backbone features] (only the backbone's
     *     head without exits)
     * @param inputDims the input size of each head, in the same order
     */
    ConMethod(Variant variant, ParallelHeads heads, List<Integer> inputDims, double temperature,
            double baseTemperature) {
        this.variant = variant;
        this.heads = heads;
        this.inputDims = List.copyOf(inputDims);
        this.temperature = temperature;
        this.baseTemperature = baseTemperature;
    }

    @Override
    public Block block() {
        return heads;
    }

    @Override
    public void initialize(NDManager manager, DataType dataType) {
        Shape[] shapes = inputDims.stream().map(d -> new Shape(1, d)).toArray(Shape[]::new);
        heads.initialize(manager, dataType, shapes);
    }

    @Override
    public LossResult loss(StepContext step) {
        List<NDArray> views = step.views();
        NDArray images = views.size() == 1 ? views.get(0) : NDArrays.concat(new NDList(views), 0);
        NDList encoded = step.encode(images);
        NDList inputs = new NDList();
        if (variant.exits()) {
            if (encoded.size() != heads.size()) {
                throw new IllegalStateException(variant.name() + " was built for " + (heads.size() - 1)
                        + " exits but the backbone returned " + (encoded.size() - 1));
            }
            inputs.addAll(encoded.subNDList(1));
        }
        inputs.add(encoded.get(0));
        NDList projected = step.forward(heads, inputs);
        List<NDArray> groups = new ArrayList<>();
        Optional<NDArray> labels = labels(step);
        if (variant.exits()) {
            for (NDArray z : projected) {
                groups.add(Ops.l2Normalize(z));
            }
            if (labels.isPresent() && views.size() > 1) {
                labels = Optional.of(labels.get().tile(views.size()));
            }
        } else {
            groups.addAll(Ops.l2Normalize(projected.head()).split(views.size()));
        }
        ContrastiveOutput out = ConLoss.loss(step.manager(), groups, labels, temperature, baseTemperature);
        return new LossResult(out.loss(), Map.of("pos_sim", out.positiveSimilarity(), "neg_sim", out.negativeSimilarity()));
    }

    private Optional<NDArray> labels(StepContext step) {
        if (!variant.labels()) {
            return Optional.empty();
        }
        return Optional.of(step.labels().orElseThrow(() -> new IllegalStateException(
                variant.name() + " needs labels but the batch has none")));
    }
}
