package contrastlab.runtime.recipe;

import java.util.List;
import java.util.Set;

/**
 * The {@code optimizer} section.
 *
 * @param type sgd, adam or lars
 * @param lr peak learning rate (after warm-up)
 * @param momentum SGD/LARS momentum
 * @param weightDecay L2 penalty added to the gradient (PyTorch's {@code weight_decay})
 * @param nesterov Nesterov momentum (SGD)
 * @param betas Adam's (beta1, beta2)
 * @param eps Adam's epsilon
 * @param trustCoefficient LARS trust coefficient eta
 * @param excludeBiasAndNorm LARS/SGD: no weight decay and no LARS scaling for 1-D parameters (biases,
 *     batch-norm), as in the SimCLR and Barlow Twins papers
 */
public record OptimizerSettings(String type, double lr, double momentum, double weightDecay, boolean nesterov,
        List<Double> betas, double eps, double trustCoefficient, boolean excludeBiasAndNorm) {

    public static final Set<String> TYPES = Set.of("sgd", "adam", "lars");

    public OptimizerSettings {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown optimizer '" + type + "'; known: adam, lars, sgd");
        }
        if (lr <= 0) {
            throw new IllegalArgumentException("optimizer.lr must be positive, got " + lr);
        }
        if (betas == null || betas.size() != 2) {
            throw new IllegalArgumentException("optimizer.betas must be two numbers, e.g. [0.9, 0.999]");
        }
        betas = List.copyOf(betas);
    }

    public static OptimizerSettings defaults() {
        return new OptimizerSettings("sgd", 0.06, 0.9, 5e-4, false, List.of(0.9, 0.999), 1e-8, 1e-3, false);
    }
}
