package contrastlab.plugins.augment.flip;

/**
 * Parameters of {@code horizontal-flip}.
 *
 * @param p probability of flipping; default 0.5
 */
public record HorizontalFlipParameters(double p) {

    public static HorizontalFlipParameters defaults() {
        return new HorizontalFlipParameters(0.5);
    }
}
