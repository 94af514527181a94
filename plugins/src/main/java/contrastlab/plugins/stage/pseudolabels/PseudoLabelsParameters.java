package contrastlab.plugins.stage.pseudolabels;

/**
 * Parameters of the {@code pseudo-labels} stage.
 *
 * @param from the stage whose {@code features.bin} is clustered (G-SimCLR: the autoencoder's pooled
 *     bottleneck)
 * @param clusters K; 0 takes the recipe's {@code batchSize}, G-SimCLR's choice (K = batch size = 64)
 * @param restarts k-means++ runs from different seeds, the lowest inertia kept (scikit-learn's
 *     {@code n_init}); 10 is the default of the scikit-learn the original ran in 2020 (0.22/0.23);
 *     scikit-learn 1.4 and later default to {@code "auto"}, which is 1 run for k-means++
 * @param maxIterations Lloyd iterations per run at most (scikit-learn's {@code max_iter})
 * @param tolerance convergence when the summed squared centre shift of an iteration is at most
 *     {@code tolerance x} the mean per-feature variance (scikit-learn's relative {@code tol})
 */
public record PseudoLabelsParameters(String from, int clusters, int restarts, int maxIterations, double tolerance) {

    public PseudoLabelsParameters {
        if (from != null && from.isBlank()) {
            throw new IllegalArgumentException("pseudo-labels 'from' must name the stage whose features.bin to cluster,"
                    + " e.g. from: autoencoder");
        }
        if (clusters < 0 || clusters == 1) {
            throw new IllegalArgumentException("pseudo-labels clusters must be at least 2 (or 0 for the recipe's"
                    + " batchSize), got " + clusters);
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("pseudo-labels restarts must be at least 1, got " + restarts);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("pseudo-labels maxIterations must be at least 1, got " + maxIterations);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("pseudo-labels tolerance must be a finite number >= 0, got " + tolerance);
        }
    }
}
