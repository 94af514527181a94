package contrastlab.plugins.stage.autoencoder;

/**
 * Keras's {@code EarlyStopping(monitor="val_loss", patience, restore_best_weights=True)} with
 * {@code min_delta} 0: an epoch improves when its validation loss is strictly lower than the best so far;
 * training stops once {@code patience} epochs in a row have not improved.
 *
 * @param best the lowest validation loss so far (+infinity before the first epoch)
 * @param bestEpoch the zero-based epoch that reached it (-1 before the first epoch)
 * @param epochsWithoutImprovement epochs since the last improvement
 * @param patience epochs without improvement that stop training
 */
public record EarlyStopping(double best, int bestEpoch, int epochsWithoutImprovement, int patience) {

    /** Before the first epoch. */
    public static EarlyStopping start(int patience) {
        return new EarlyStopping(Double.POSITIVE_INFINITY, -1, 0, patience);
    }

    /** The state after epoch {@code epoch} ended with validation loss {@code loss}. */
    public EarlyStopping observe(int epoch, double loss) {
        if (loss < best) {
            return new EarlyStopping(loss, epoch, 0, patience);
        }
        return new EarlyStopping(best, bestEpoch, epochsWithoutImprovement + 1, patience);
    }

    /** Whether the last observed epoch set a new best (its weights are the ones to keep). */
    public boolean improvedLast() {
        return epochsWithoutImprovement == 0 && bestEpoch >= 0;
    }

    /** Whether training should stop. */
    public boolean stop() {
        return epochsWithoutImprovement >= patience;
    }
}
