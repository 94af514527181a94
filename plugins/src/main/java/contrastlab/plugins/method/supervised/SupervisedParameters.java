package contrastlab.plugins.method.supervised;

/**
 * Parameters of the {@code supervised} method.
 *
 * @param exitWeight weight of the cross-entropy of each backbone exit's own linear classifier (the
 *     original's {@code subnet_ce} uses 1.0); 0 trains the backbone's classifier only (its {@code ce})
 */
public record SupervisedParameters(double exitWeight) {

    public SupervisedParameters {
        if (!(exitWeight >= 0)) {
            throw new IllegalArgumentException("exitWeight must be >= 0, got " + exitWeight);
        }
    }
}
