package contrastlab.plugins.augment;

import java.util.List;

/**
 * Parameter validation shared by the augmentation plugins. Every failure is an
 * {@link IllegalArgumentException} whose message starts with the step's name and names the parameter.
 */
public final class Checks {

    private Checks() {}

    /** A probability in [0, 1]. */
    public static double probability(String step, String name, double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw fail(step, name, "must be a probability in [0, 1], got " + p);
        }
        return p;
    }

    /** A finite value ≥ 0. */
    public static double nonNegative(String step, String name, double v) {
        if (!(v >= 0.0) || Double.isInfinite(v)) {
            throw fail(step, name, "must be a finite number >= 0, got " + v);
        }
        return v;
    }

    /** A required (non-null) parameter. */
    public static <T> T required(String step, String name, T value) {
        if (value == null) {
            throw fail(step, name, "is required");
        }
        return value;
    }

    /**
     * A [lo, hi] pair of finite numbers with {@code min <= lo <= hi}; a single value means [v, v].
     *
     * @return {lo, hi}
     */
    public static double[] range(String step, String name, List<? extends Number> values, double min) {
        double[] pair = pair(step, name, values);
        if (pair[0] < min) {
            throw fail(step, name, "must be >= " + min + ", got " + values);
        }
        return pair;
    }

    /** A [lo, hi] pair of finite numbers with {@code 0 < lo <= hi}; a single value means [v, v]. */
    public static double[] positiveRange(String step, String name, List<? extends Number> values) {
        double[] pair = pair(step, name, values);
        if (pair[0] <= 0.0) {
            throw fail(step, name, "must be > 0, got " + values);
        }
        return pair;
    }

    private static double[] pair(String step, String name, List<? extends Number> values) {
        required(step, name, values);
        // a loop, not contains(null): immutable lists throw on contains(null)
        boolean hasNull = false;
        for (Number v : values) {
            hasNull |= v == null;
        }
        if (values.isEmpty() || values.size() > 2 || hasNull) {
            throw fail(step, name, "must be one number or a pair [lo, hi], got " + values);
        }
        double lo = values.get(0).doubleValue();
        double hi = values.get(values.size() - 1).doubleValue();
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw fail(step, name, "must be finite, got " + values);
        }
        if (lo > hi) {
            throw fail(step, name, "must be ordered [lo, hi] with lo <= hi, got " + values);
        }
        return new double[] {lo, hi};
    }

    /** An exception whose message reads {@code "<step>: <name> <problem>"}. */
    public static IllegalArgumentException fail(String step, String name, String problem) {
        return new IllegalArgumentException(step + ": " + name + " " + problem);
    }
}
