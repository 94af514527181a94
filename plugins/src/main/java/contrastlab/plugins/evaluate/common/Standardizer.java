package contrastlab.plugins.evaluate.common;

/**
 * scikit-learn's {@code StandardScaler}: per-dimension mean and population standard deviation of the
 * train features; a constant dimension keeps scale 1. Shared by the {@code linear} and {@code knn}
 * evaluators.
 *
 * @param mean per dimension
 * @param std per dimension (1 where the train features do not vary)
 */
public record Standardizer(float[] mean, float[] std) {

    public static Standardizer fit(float[] values, int count, int dim) {
        double[] sum = new double[dim];
        double[] sumSquares = new double[dim];
        for (int i = 0; i < count; i++) {
            int row = i * dim;
            for (int d = 0; d < dim; d++) {
                sum[d] += values[row + d];
            }
        }
        float[] mean = new float[dim];
        for (int d = 0; d < dim; d++) {
            mean[d] = (float) (sum[d] / count);
        }
        // two passes: the one-pass formula loses the variance of large-mean features in cancellation
        for (int i = 0; i < count; i++) {
            int row = i * dim;
            for (int d = 0; d < dim; d++) {
                double c = values[row + d] - (double) mean[d];
                sumSquares[d] += c * c;
            }
        }
        float[] std = new float[dim];
        for (int d = 0; d < dim; d++) {
            double s = Math.sqrt(sumSquares[d] / count);
            std[d] = s > 0 ? (float) s : 1f;
        }
        return new Standardizer(mean, std);
    }

    /** {@code (x - mean) / std} row by row, into a new array. */
    public float[] apply(float[] values) {
        int dim = mean.length;
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i += dim) {
            for (int d = 0; d < dim; d++) {
                out[i + d] = (values[i + d] - mean[d]) / std[d];
            }
        }
        return out;
    }
}
