package contrastlab.plugins.evaluate.linear;

import java.util.List;

/**
 * The learning rate of each linear epoch, set once per epoch as PyTorch's epoch-stepped schedulers
 * and SupContrast's {@code adjust_learning_rate} do.
 */
record EpochSchedule(String kind, double lr, int epochs, List<Integer> milestones, double gamma) {

    /** The rate of zero-based epoch {@code epoch}. */
    double at(int epoch) {
        return switch (kind) {
            case "constant" -> lr;
            // CosineAnnealingLR(T_max = epochs, eta_min = 0)
            case "cosine" -> lr * (1 + Math.cos(Math.PI * epoch / epochs)) / 2;
            // MultiStepLR: decayed once per milestone already reached
            case "step" -> lr * Math.pow(gamma, milestones.stream().filter(m -> epoch >= m).count());
            default -> throw new IllegalArgumentException("unknown schedule " + kind);
        };
    }
}
