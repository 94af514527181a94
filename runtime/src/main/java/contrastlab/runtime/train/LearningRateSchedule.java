package contrastlab.runtime.train;

import contrastlab.runtime.recipe.ScheduleSettings;

/**
 * The learning rate at a point of training: linear warm-up from 0, then cosine (to
 * {@code minLr * lr}), step, constant or cosine with warm restarts (Keras' {@code CosineDecayRestarts}).
 * Evaluated per iteration, or per epoch when {@code stepEvery: epoch} (as PyTorch schedulers stepped
 * once an epoch).
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
        if (settings.type().equals("cosine-restarts")) {
            long warmupSteps = (long) Math.ceil(warmup * (perEpoch ? 1 : stepsPerEpoch));
            long counted = perEpoch ? (long) epoch : step;
            return baseLr * cosineRestarts(counted - warmupSteps);
        }
        return baseLr * afterWarmup(epoch);
    }

    /**
     * Keras' {@code CosineDecayRestarts} multiplier at step {@code step} (counted from its start): cycle
     * i lasts {@code firstDecaySteps * tMul^i} steps and peaks at {@code mMul^i}; within it the rate
     * falls as a half cosine to {@code alpha}. The cycle is found by summing cycle lengths exactly,
     * where Keras takes {@code floor(log(...) / log(tMul))} in float32 (which may land one cycle early
     * exactly at a restart step).
     */
    private double cosineRestarts(long step) {
        double first = settings.firstDecaySteps();
        double tMul = settings.tMul();
        double completed = step / first;
        int cycle = 0;
        double cycleStart = 0;
        double cycleLength = 1;
        if (tMul == 1.0) {
            cycle = (int) Math.floor(completed);
            cycleStart = cycle;
        } else {
            while (completed >= cycleStart + cycleLength) {
                cycleStart += cycleLength;
                cycleLength *= tMul;
                cycle++;
            }
        }
        double fraction = (completed - cycleStart) / cycleLength;
        double cosine = 0.5 * Math.pow(settings.mMul(), cycle) * (1 + Math.cos(Math.PI * fraction));
        return (1 - settings.alpha()) * cosine + settings.alpha();
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
