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
     * A recipe range: one number v (meaning [v, v]) or a pair [lo, hi]. Only the shape is checked here;
     * the bounds belong to the augmentation's constructor, which direct Java callers go through too.
     *
     * @return {lo, hi}
     */
    public static double[] pair(String step, String name, List<? extends Number> values) {
        required(step, name, values);
        // a loop, not contains(null): immutable lists throw on contains(null)
        boolean hasNull = false;
        for (Number v : values) {
            hasNull |= v == null;
        }
        if (values.isEmpty() || values.size() > 2 || hasNull) {
            throw fail(step, name, "must be one number or a pair [lo, hi], got " + values);
        }
        return new double[] {values.get(0).doubleValue(), values.get(values.size() - 1).doubleValue()};
    }

    /** An exception whose message reads {@code "<step>: <name> <problem>"}. */
    public static IllegalArgumentException fail(String step, String name, String problem) {
        return new IllegalArgumentException(step + ": " + name + " " + problem);
    }
}
