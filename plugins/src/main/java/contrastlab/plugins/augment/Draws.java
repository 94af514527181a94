package contrastlab.plugins.augment;

import java.util.random.RandomGenerator;

/** The random draws the augmentations share; every draw comes from the generator the caller passes. */
public final class Draws {

    private Draws() {}

    /** One value uniform in [lo, hi); exactly {@code lo} without a draw when the range is a single point. */
    public static double uniform(RandomGenerator random, double lo, double hi) {
        if (hi <= lo) {
            return lo;
        }
        return lo + (hi - lo) * random.nextDouble();
    }

    /**
     * True with probability {@code p}. Certain outcomes (p ≤ 0 or p ≥ 1) take no draw, so a step with
     * p = 1 does not shift the random stream of the steps after it.
     */
    public static boolean chance(RandomGenerator random, double p) {
        if (p >= 1.0) {
            return true;
        }
        if (p <= 0.0) {
            return false;
        }
        return random.nextDouble() < p;
    }
}
