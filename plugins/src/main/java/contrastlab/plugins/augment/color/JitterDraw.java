package contrastlab.plugins.augment.color;

/**
 * One call's random choices of {@link ColorJitter}: the order of the ops (0 brightness, 1 contrast,
 * 2 saturation, 3 hue) and their factors; NaN marks a disabled op, which takes no draw.
 */
record JitterDraw(int[] order, double brightness, double contrast, double saturation, double hue) {}
