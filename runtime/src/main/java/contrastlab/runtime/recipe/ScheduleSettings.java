package contrastlab.runtime.recipe;

import java.util.List;
import java.util.Set;

/**
 * The {@code schedule} section: learning rate over training.
 *
 * @param type cosine (to {@code minLr}), step (times {@code gamma} at each milestone epoch), constant or
 *     cosine-restarts (Keras' {@code CosineDecayRestarts}, over steps of {@code stepEvery})
 * @param epochs training length
 * @param warmupEpochs linear warm-up from 0 (may be fractional)
 * @param minLr the cosine floor, as a fraction of {@code optimizer.lr}
 * @param milestones epochs at which a step schedule multiplies the rate by {@code gamma}
 * @param gamma the step factor
 * @param stepEvery {@code iteration} (smooth) or {@code epoch} (PyTorch schedulers stepped per epoch)
 * @param firstDecaySteps cosine-restarts: length of the first cycle, in iterations (or epochs with
 *     {@code stepEvery: epoch}); must be set (positive) for cosine-restarts, 0 = not set
 * @param tMul cosine-restarts: each cycle is {@code tMul} times longer than the one before
 * @param mMul cosine-restarts: each cycle starts at {@code mMul} times the previous cycle's peak
 * @param alpha cosine-restarts: the floor, as a fraction of {@code optimizer.lr}
 */
public record ScheduleSettings(String type, Integer epochs, double warmupEpochs, double minLr,
        List<Integer> milestones, double gamma, String stepEvery, int firstDecaySteps, double tMul, double mMul,
        double alpha) {

    public static final Set<String> TYPES = Set.of("cosine", "step", "constant", "cosine-restarts");

    public ScheduleSettings {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown schedule '" + type + "'; known: constant, cosine, cosine-restarts, step");
        }
        if (type.equals("cosine-restarts") && firstDecaySteps <= 0) {
            throw new IllegalArgumentException("schedule.firstDecaySteps must be a positive number of steps for "
                    + "cosine-restarts, got " + firstDecaySteps + "; add firstDecaySteps: 1000 (G-SimCLR)");
        }
        if (!(tMul > 0) || !(mMul > 0) || !(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("schedule.tMul and schedule.mMul must be positive and schedule.alpha in "
                    + "[0, 1], got tMul " + tMul + ", mMul " + mMul + ", alpha " + alpha);
        }
        if (epochs != null && epochs <= 0) {
            throw new IllegalArgumentException("schedule.epochs must be positive, got " + epochs);
        }
        if (!stepEvery.equals("iteration") && !stepEvery.equals("epoch")) {
            throw new IllegalArgumentException("schedule.stepEvery must be iteration or epoch, got '" + stepEvery + "'");
        }
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("schedule.warmupEpochs must be >= 0, got " + warmupEpochs);
        }
        milestones = List.copyOf(milestones);
    }

    public static ScheduleSettings defaults() {
        // tMul, mMul, alpha: Keras' CosineDecayRestarts defaults
        return new ScheduleSettings("cosine", null, 0, 0, List.of(), 0.1, "iteration", 0, 2.0, 1.0, 0.0);
    }
}
