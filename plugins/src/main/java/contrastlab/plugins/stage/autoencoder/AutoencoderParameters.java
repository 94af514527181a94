package contrastlab.plugins.stage.autoencoder;

/**
 * Parameters of the {@code autoencoder} stage (G-SimCLR's denoising autoencoder; Keras defaults).
 *
 * @param noise standard deviation of the Gaussian noise added to the input in training (pixels in [0, 1])
 * @param epochs the most epochs to train (early stopping usually ends sooner)
 * @param patience epochs without a lower validation MSE before training stops
 * @param validationFraction share of the training split held out (seeded) for early stopping
 * @param batchSize images per step
 * @param lr Adam's learning rate (betas 0.9 / 0.999, epsilon 1e-7, Keras's defaults)
 */
public record AutoencoderParameters(double noise, int epochs, int patience, double validationFraction, int batchSize,
        double lr) {

    public AutoencoderParameters {
        if (!(noise >= 0)) {
            throw new IllegalArgumentException("autoencoder noise must be 0 or a positive standard deviation, got " + noise);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("autoencoder epochs must be at least 1, got " + epochs);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("autoencoder patience must be at least 1, got " + patience);
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("autoencoder validationFraction must be between 0 and 1 (exclusive), got "
                    + validationFraction + "; early stopping needs held-out training images");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("autoencoder batchSize must be at least 1, got " + batchSize);
        }
        if (!(lr > 0)) {
            throw new IllegalArgumentException("autoencoder lr must be positive, got " + lr);
        }
    }

    /** The reference's settings: sigma 0.01, at most 100 epochs, patience 2, 10 % held out, batch 64, lr 1e-3. */
    public static AutoencoderParameters reference() {
        return new AutoencoderParameters(0.01, 100, 2, 0.1, 64, 1e-3);
    }
}
