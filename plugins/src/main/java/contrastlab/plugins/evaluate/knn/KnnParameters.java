package contrastlab.plugins.evaluate.knn;

/**
 * Parameters of the {@code knn} evaluator.
 *
 * @param k neighbours that vote
 * @param temperature a neighbour with cosine similarity s votes with weight exp(s / temperature)
 * @param trainSplit the split whose features are the memory bank
 * @param testSplit the split that is classified
 * @param features the layer measured: {@code backbone}, or one of the method's feature taps (e.g. simclr's
 *     {@code projector-1})
 * @param standardize before the cosine similarity, shift and scale every dimension by the train split's
 *     mean and population std (scikit-learn's StandardScaler), as for the scattering-features reference
 *     points; false (the default) is the InstDisc / MoCo protocol
 */
public record KnnParameters(
        int k, double temperature, String trainSplit, String testSplit, String features, boolean standardize) {

    public KnnParameters {
        if (k <= 0) {
            throw new IllegalArgumentException("knn k must be positive, got " + k);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("knn temperature must be positive, got " + temperature);
        }
    }

    /** The InstDisc / MoCo protocol: raw features, no standardisation. */
    public KnnParameters(int k, double temperature, String trainSplit, String testSplit, String features) {
        this(k, temperature, trainSplit, testSplit, features, false);
    }
}
