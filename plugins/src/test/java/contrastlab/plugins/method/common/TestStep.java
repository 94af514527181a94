package contrastlab.plugins.method.common;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import contrastlab.api.method.StepContext;
import java.util.List;
import java.util.Optional;

/** A training step for method tests: one device, the views and labels given, a plain parameter store. */
public record TestStep(NDManager manager, List<NDArray> views, Optional<NDArray> labels, Block backbone,
        ParameterStore parameters, boolean training) implements StepContext {

    @Override
    public NDList encode(NDArray images) {
        return backbone.forward(parameters, new NDList(images), training);
    }

    @Override
    public NDList forward(Block block, NDList input) {
        return block.forward(parameters, input, training);
    }

    @Override
    public int epoch() {
        return 0;
    }

    @Override
    public long globalStep() {
        return 0;
    }
}
