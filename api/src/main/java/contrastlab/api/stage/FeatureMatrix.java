package contrastlab.api.stage;

/**
 * A row-major {@code count x dim} float matrix, one row per image of a split (in index order).
 *
 * @param count rows
 * @param dim columns
 * @param values {@code count * dim} values
 */
public record FeatureMatrix(int count, int dim, float[] values) {

    public FeatureMatrix {
        if (count < 0 || dim <= 0 || values.length != (long) count * dim) {
            throw new IllegalArgumentException("a " + count + "x" + dim + " feature matrix needs " + (long) count * dim
                    + " values, got " + values.length);
        }
    }
}
