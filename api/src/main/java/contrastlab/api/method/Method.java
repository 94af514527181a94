package contrastlab.api.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.util.Map;

/**
 * A self-supervised objective: owns its heads and any extra state and computes the loss of a step.
 */
public interface Method {

    /**
     * Every block the method owns (projector, predictor, momentum encoder, ...), as one block so that
     * the runtime initialises, checkpoints and optimises it with the backbone. Parameters that must
     * not be trained are frozen by the method.
     */
    Block block();

    /**
     * Initialises the parameters of {@link #block()}. Only the method knows what its blocks are fed
     * (the backbone's {@link MethodContext#featureDim()}, images of {@link MethodContext#input()}).
     */
    void initialize(NDManager manager, DataType dataType);

    /** The loss of one step; called inside the gradient collector. */
    LossResult loss(StepContext step);

    /**
     * Called after the optimizer step, outside the gradient collector: the place for in-place
     * updates of state used in the graph (EMA weights, queues).
     */
    default void afterStep(StepContext step) {}

    /**
     * Named feature extractors on top of the backbone, for evaluators that measure a layer of the
     * method's head instead of the backbone (G-SimCLR's P1 and P2): each block maps the backbone's
     * features {@code (N, featureDim)} to {@code (N, d)}, shares its parameters with {@link #block()}
     * and is only run in evaluation mode. An evaluator selects one with its {@code features} key; the
     * backbone itself is always available as {@code backbone}.
     */
    default Map<String, Block> featureTaps() {
        return Map.of();
    }

    /** Non-parameter state to checkpoint (queues, counters), by name. */
    default Map<String, NDArray> state() {
        return Map.of();
    }
}
