package contrastlab.plugins.evaluate.finetune;

import java.util.Set;

/**
 * Parameters of the {@code finetune} evaluator (G-SimCLR's 10 % fine-tuning protocol).
 *
 * @param fraction the labelled part of the train split: seeded, stratified per class
 * @param validationFraction the part of the labelled images held out for early stopping (stratified)
 * @param warmupEpochs at most this many epochs of the classifier alone on the frozen encoder
 * @param warmupLr Adam's rate in the warm-up (Keras' default 1e-3)
 * @param epochs at most this many epochs of the whole net
 * @param lr Adam's rate for the whole net
 * @param batchSize minibatch size of both phases
 * @param patience early stopping in each phase: stop after this many epochs without a lower validation
 *     loss and restore the best epoch's weights
 * @param batchNorm {@code frozen}: the encoder's BatchNorm runs in inference mode throughout (its
 *     running statistics never change; the original's {@code training=False}); {@code train}: batch
 *     statistics while the whole net trains, running statistics updated
 * @param trainSplit split the labelled images come from
 * @param testSplit split the reported accuracy is measured on
 */
public record FinetuneParameters(double fraction, double validationFraction, int warmupEpochs, double warmupLr,
        int epochs, double lr, int batchSize, int patience, String batchNorm, String trainSplit, String testSplit) {

    static final Set<String> BATCH_NORM = Set.of("frozen", "train");

    public FinetuneParameters {
        require(fraction > 0 && fraction < 1, "fraction must be in (0, 1); got " + fraction);
        require(validationFraction > 0 && validationFraction < 1, "validationFraction must be in (0, 1); got "
                + validationFraction);
        require(warmupEpochs >= 0, "warmupEpochs must not be negative; got " + warmupEpochs);
        require(epochs >= 0, "epochs must not be negative; got " + epochs);
        require(warmupLr > 0 && lr > 0, "warmupLr and lr must be positive; got " + warmupLr + ", " + lr);
        require(batchSize > 0, "batchSize must be positive; got " + batchSize);
        require(patience > 0, "patience must be positive; got " + patience);
        require(BATCH_NORM.contains(batchNorm), "batchNorm must be frozen or train; got " + batchNorm);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("finetune " + message);
        }
    }
}
