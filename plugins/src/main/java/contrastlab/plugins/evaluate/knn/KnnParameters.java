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
 */
public record KnnParameters(int k, double temperature, String trainSplit, String testSplit, String features) {

    public KnnParameters {
        if (k <= 0) {
            throw new IllegalArgumentException("knn k must be positive, got " + k);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("knn temperature must be positive, got " + temperature);
        }
    }
}
