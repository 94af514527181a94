package contrastlab.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import contrastlab.runtime.recipe.OptimizerSettings;
import java.util.function.DoubleSupplier;

/**
 * LARS as solo-learn writes it: the decayed gradient is scaled by
 * {@code eta * |w| / (|g| + wd * |w| + eps)} before an SGD momentum step; excluded (1-D) parameters
 * take a plain SGD step.
 */
final class LarsOptimizer extends StatefulOptimizer {

    private static final double EPS = 1e-8;

    LarsOptimizer(OptimizerSettings settings, DoubleSupplier learningRate, NDManager manager) {
        super(settings, learningRate, manager);
    }

    @Override
    protected int stateSlots() {
        return 1;
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, NDArray[] state, long step, double lr, boolean decayed) {
        NDArray d = withWeightDecay(weight, grad, decayed);
        if (decayed) {
            double weightNorm = Math.sqrt(weight.square().sum().getFloat());
            double gradNorm = Math.sqrt(grad.square().sum().getFloat());
            if (weightNorm > 0 && gradNorm > 0) {
                double trust = settings.trustCoefficient() * weightNorm
                        / (gradNorm + settings.weightDecay() * weightNorm + EPS);
                d = d.mul((float) trust);
            }
        }
        NDArray buffer = state[0].muli((float) settings.momentum()).addi(d);
        weight.subi(buffer.mul((float) lr));
    }
}
