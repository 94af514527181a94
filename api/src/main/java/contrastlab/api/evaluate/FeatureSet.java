package contrastlab.api.evaluate;

import java.util.List;

/**
 * Backbone features of every image of a split, computed in evaluation mode.
 *
 * @param count number of images
 * @param dim feature size
 * @param values row-major {@code count x dim}
 * @param labels one per image
 * @param numClasses number of classes
 * @param exits the features of a multi-exit backbone's exits (the arrays after the final features in
 *     the block's output), in output order, each with the same images and labels and no exits of its
 *     own; empty for a single-exit backbone
 */
public record FeatureSet(int count, int dim, float[] values, int[] labels, int numClasses, List<FeatureSet> exits) {

    public FeatureSet {
        if (values.length != (long) count * dim || labels.length != count) {
            throw new IllegalArgumentException("feature set of " + count + "x" + dim + " has "
                    + values.length + " values and " + labels.length + " labels");
        }
        exits = List.copyOf(exits);
        for (FeatureSet exit : exits) {
            if (exit.count() != count || !exit.exits().isEmpty()) {
                throw new IllegalArgumentException("an exit's feature set must have the same " + count
                        + " images and no exits of its own");
            }
        }
    }

    /** Features of a backbone without exits. */
    public FeatureSet(int count, int dim, float[] values, int[] labels, int numClasses) {
        this(count, dim, values, labels, numClasses, List.of());
    }
}
