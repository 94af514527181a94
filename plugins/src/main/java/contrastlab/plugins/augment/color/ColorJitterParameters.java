package contrastlab.plugins.augment.color;

/**
 * Parameters of {@code color-jitter}. A value v of brightness, contrast or saturation draws the factor
 * from [max(0, 1 - v), 1 + v]; hue h draws the shift from [-h, h] (h ≤ 0.5); 0 disables that op.
 *
 * @param brightness default 0
 * @param contrast   default 0
 * @param saturation default 0
 * @param hue        default 0
 * @param strength   SimCLR colour strength s, shorthand for (0.8s, 0.8s, 0.8s, 0.2s); 0 (default) = unused;
 *                   giving it together with a non-zero explicit value is an error
 * @param p          probability of applying the jitter at all ({@code RandomApply}); default 1.0
 */
public record ColorJitterParameters(
        double brightness, double contrast, double saturation, double hue, double strength, double p) {

    public static ColorJitterParameters defaults() {
        return new ColorJitterParameters(0, 0, 0, 0, 0, 1.0);
    }
}
