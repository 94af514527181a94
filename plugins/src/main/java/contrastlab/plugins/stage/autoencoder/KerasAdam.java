package contrastlab.plugins.stage.autoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import java.util.HashMap;
import java.util.Map;

/**
 * Keras's (TF 2.3) Adam: {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code w -= lr sqrt(1-b2^t)/(1-b1^t) * m / (sqrt(v) + eps)} — epsilon is added to the uncorrected
 * root (PyTorch adds it after the correction). Its state is kept here, by parameter id, so the stage can
 * checkpoint it; one device.
 */
final class KerasAdam extends Optimizer {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-7;

    private final double lr;
    private final NDManager stateManager;
    private final Map<String, NDArray[]> moments = new HashMap<>();
    private long step;

    KerasAdam(double lr, NDManager stateManager) {
        super(new Builder());
        this.lr = lr;
        this.stateManager = stateManager;
    }

    /** Starts a step: every parameter updated until the next call shares the step count. */
    void nextStep() {
        step++;
    }

    long steps() {
        return step;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        if (step == 0) {
            throw new IllegalStateException("call nextStep() before the first update");
        }
        NDArray[] mv = moments.computeIfAbsent(parameterId, id -> new NDArray[] {zeros(weight), zeros(weight)});
        double rate = lr * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            mv[0].muli((float) BETA1).addi(grad.mul((float) (1 - BETA1)));
            mv[1].muli((float) BETA2).addi(grad.square().muli((float) (1 - BETA2)));
            weight.subi(mv[0].div(mv[1].sqrt().addi((float) EPSILON)).muli((float) rate));
        }
    }

    private NDArray zeros(NDArray like) {
        NDArray z = stateManager.zeros(like.getShape(), like.getDataType(), like.getDevice());
        NDScope.unregister(z);
        return z;
    }

    /** The first and second moments of a parameter (null before its first update). */
    NDArray[] moments(String parameterId) {
        return moments.get(parameterId);
    }

    /** Restores a checkpoint's moments and step count. */
    void restore(Map<String, float[][]> saved, Map<String, NDArray> weightsById, long steps) {
        moments.clear();
        saved.forEach((id, mv) -> {
            NDArray weight = weightsById.get(id);
            NDArray m = stateManager.create(mv[0], weight.getShape());
            NDArray v = stateManager.create(mv[1], weight.getShape());
            moments.put(id, new NDArray[] {m, v});
        });
        this.step = steps;
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
