package contrastlab.runtime.train;

import contrastlab.runtime.recipe.ScheduleSettings;

/**
 * The learning rate at a point of training: linear warm-up from 0, then cosine (to
 * {@code minLr * lr}), step or constant. Evaluated per iteration, or per epoch when
 * {@code stepEvery: epoch} (as PyTorch schedulers stepped once an epoch).
 */
public record LearningRateSchedule(ScheduleSettings settings, double baseLr, int stepsPerEpoch) {

    /** The rate for iteration {@code step} (zero-based, counted over the whole run). */
    public double at(long step) {
        boolean perEpoch = settings.stepEvery().equals("epoch");
        double epoch = perEpoch ? Math.floor((double) step / stepsPerEpoch) : (double) step / stepsPerEpoch;
        double warmup = settings.warmupEpochs();
        if (epoch < warmup) {
            double fraction = perEpoch ? (epoch + 1) / warmup : (step + 1) / (warmup * stepsPerEpoch);
            return baseLr * Math.min(1.0, fraction);
        }
        return baseLr * afterWarmup(epoch);
    }

    /** The multiplier of the main schedule at a (fractional) epoch. */
    private double afterWarmup(double epoch) {
        int total = settings.epochs();
        return switch (settings.type()) {
            case "constant" -> 1.0;
            case "step" -> {
                double factor = 1.0;
                for (int milestone : settings.milestones()) {
                    if (epoch >= milestone) {
                        factor *= settings.gamma();
                    }
                }
                yield factor;
            }
            default -> {
                double warmup = settings.warmupEpochs();
                double progress = Math.min(1.0, Math.max(0.0, (epoch - warmup) / Math.max(1e-9, total - warmup)));
                double min = settings.minLr();
                yield min + (1 - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
            }
        };
    }
}
