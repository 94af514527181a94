package contrastlab.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import contrastlab.runtime.recipe.OptimizerSettings;
import java.util.function.DoubleSupplier;

/** {@code torch.optim.SGD}: L2 decay in the gradient, momentum buffer without dampening, optional Nesterov. */
final class SgdOptimizer extends StatefulOptimizer {

    SgdOptimizer(OptimizerSettings settings, DoubleSupplier learningRate, NDManager manager) {
        super(settings, learningRate, manager);
    }

    @Override
    protected int stateSlots() {
        return settings.momentum() == 0 ? 0 : 1;
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, NDArray[] state, long step, double lr, boolean decayed) {
        NDArray d = withWeightDecay(weight, grad, decayed);
        float m = (float) settings.momentum();
        if (m != 0) {
            // torch starts the buffer at the first gradient, which equals m * 0 + d
            NDArray buffer = state[0].muli(m).addi(d);
            d = settings.nesterov() ? d.add(buffer.mul(m)) : buffer;
        }
        weight.subi(d.mul((float) lr));
    }
}
