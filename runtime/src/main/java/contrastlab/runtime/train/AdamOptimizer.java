package contrastlab.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import contrastlab.runtime.recipe.OptimizerSettings;
import java.util.function.DoubleSupplier;

/** {@code torch.optim.Adam} with L2 weight decay added to the gradient (not AdamW). */
final class AdamOptimizer extends StatefulOptimizer {

    AdamOptimizer(OptimizerSettings settings, DoubleSupplier learningRate, NDManager manager) {
        super(settings, learningRate, manager);
    }

    @Override
    protected int stateSlots() {
        return 2;
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, NDArray[] state, long step, double lr, boolean decayed) {
        double b1 = settings.betas().get(0);
        double b2 = settings.betas().get(1);
        NDArray g = withWeightDecay(weight, grad, decayed);
        NDArray m = state[0].muli((float) b1).addi(g.mul((float) (1 - b1)));
        NDArray v = state[1].muli((float) b2).addi(g.square().muli((float) (1 - b2)));
        double correction1 = 1 - Math.pow(b1, step);
        double correction2 = 1 - Math.pow(b2, step);
        NDArray denominator = v.div((float) correction2).sqrt().addi((float) settings.eps());
        weight.subi(m.div(denominator).muli((float) (lr / correction1)));
    }
}
