package contrastlab.runtime.recipe;

import java.util.List;
import java.util.Set;

/**
 * The {@code schedule} section: learning rate over training.
 *
 * @param type cosine (to {@code minLr}), step (times {@code gamma} at each milestone epoch) or constant
 * @param epochs training length
 * @param warmupEpochs linear warm-up from 0 (may be fractional)
 * @param minLr the cosine floor, as a fraction of {@code optimizer.lr}
 * @param milestones epochs at which a step schedule multiplies the rate by {@code gamma}
 * @param gamma the step factor
 * @param stepEvery {@code iteration} (smooth) or {@code epoch} (PyTorch schedulers stepped per epoch)
 */
public record ScheduleSettings(String type, Integer epochs, double warmupEpochs, double minLr,
        List<Integer> milestones, double gamma, String stepEvery) {

    public static final Set<String> TYPES = Set.of("cosine", "step", "constant");

    public ScheduleSettings {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown schedule '" + type + "'; known: constant, cosine, step");
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
        return new ScheduleSettings("cosine", null, 0, 0, List.of(), 0.1, "iteration");
    }
}
