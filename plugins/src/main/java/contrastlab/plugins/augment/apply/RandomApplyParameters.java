package contrastlab.plugins.augment.apply;

/**
 * Parameters of {@code random-apply}; the inner steps are the list under {@code transforms}.
 *
 * @param p probability of applying the inner steps; required
 */
public record RandomApplyParameters(Double p) {

    public static RandomApplyParameters defaults() {
        return new RandomApplyParameters(null);
    }
}
