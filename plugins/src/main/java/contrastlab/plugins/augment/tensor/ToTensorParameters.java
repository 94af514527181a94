package contrastlab.plugins.augment.tensor;

/** {@code to-tensor} takes no parameters. */
public record ToTensorParameters() {}
