package contrastlab.api.evaluate;

/**
 * Backbone features of every image of a split, computed in evaluation mode.
 *
 * @param count number of images
 * @param dim feature size
 * @param values row-major {@code count x dim}
 * @param labels one per image
 * @param numClasses number of classes
 */
public record FeatureSet(int count, int dim, float[] values, int[] labels, int numClasses) {

    public FeatureSet {
        if (values.length != (long) count * dim || labels.length != count) {
            throw new IllegalArgumentException("feature set of " + count + "x" + dim + " has "
                    + values.length + " values and " + labels.length + " labels");
        }
    }
}
