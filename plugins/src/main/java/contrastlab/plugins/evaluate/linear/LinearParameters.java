package contrastlab.plugins.evaluate.linear;

import java.util.List;
import java.util.Set;

/**
 * Parameters of the {@code linear} evaluator (linear probe on the frozen backbone's features).
 *
 * @param preset {@code none}, {@code scatsimclr}, {@code selfcon} or {@code gsimclr}: the paper's protocol for every key
 *     below that the recipe leaves at its default (see {@link LinearPlugin#resolve})
 * @param optimizer {@code adam} or {@code sgd} (PyTorch's rules, L2 decay added to the gradient)
 * @param lr learning rate
 * @param momentum SGD momentum (no dampening)
 * @param weightDecay L2 decay, on the weights and the bias as PyTorch's {@code parameters()}
 * @param batchSize minibatch size
 * @param epochs passes over the train split
 * @param schedule {@code constant}, {@code cosine} (per epoch to 0) or {@code step}
 * @param milestones zero-based epochs at which {@code step} multiplies the rate by {@code gamma}
 * @param gamma the step decay factor
 * @param standardize features standardised with the train split's per-dimension mean and std
 * @param trainAugment encode the train images again every epoch through a random-resized-crop and a
 *     horizontal flip before the evaluation transform
 * @param cropScale the random-resized-crop's area range when {@code trainAugment}
 * @param shuffle a new order of the train split every epoch
 * @param dropLast skip the last, incomplete minibatch
 * @param subnet train a second classifier on the last exit's features and report it and the ensemble
 * @param trainSplit split the classifier is trained on
 * @param testSplit split it is measured on
 * @param seed initialisation and shuffling (with the evaluation epoch)
 * @param features the layer measured: {@code backbone}, or one of the method's feature taps (e.g. simclr's
 *     {@code projector-1})
 * @param validationFraction a seeded, stratified part of the train split held out for early stopping
 *     (0 = none; then {@code patience} must be 0)
 * @param patience stop after this many linear epochs without a lower validation loss and report the test
 *     accuracy of the epoch with the lowest one (Keras' EarlyStopping with restore_best_weights); 0 = off
 */
public record LinearParameters(String preset, String optimizer, double lr, double momentum, double weightDecay,
        int batchSize, int epochs, String schedule, List<Integer> milestones, double gamma, boolean standardize,
        boolean trainAugment, List<Double> cropScale, boolean shuffle, boolean dropLast, boolean subnet,
        String trainSplit, String testSplit, long seed, String features, double validationFraction, int patience) {

    static final Set<String> PRESETS = Set.of("none", "scatsimclr", "selfcon", "gsimclr");
    static final Set<String> OPTIMIZERS = Set.of("adam", "sgd");
    static final Set<String> SCHEDULES = Set.of("constant", "cosine", "step");

    public LinearParameters {
        require(PRESETS.contains(preset), "preset must be one of none, scatsimclr, selfcon, gsimclr; got " + preset);
        require(OPTIMIZERS.contains(optimizer), "optimizer must be adam or sgd; got " + optimizer);
        require(SCHEDULES.contains(schedule), "schedule must be constant, cosine or step; got " + schedule);
        require(lr > 0 && Double.isFinite(lr), "lr must be positive; got " + lr);
        require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1); got " + momentum);
        require(weightDecay >= 0, "weightDecay must not be negative; got " + weightDecay);
        require(batchSize > 0, "batchSize must be positive; got " + batchSize);
        require(epochs > 0, "epochs must be positive; got " + epochs);
        require(gamma > 0, "gamma must be positive; got " + gamma);
        require(validationFraction >= 0 && validationFraction < 1, "validationFraction must be in [0, 1); got "
                + validationFraction);
        require(patience >= 0, "patience must not be negative; got " + patience);
        require((patience > 0) == (validationFraction > 0), "patience (early stopping) and validationFraction (the "
                + "held-out part it watches) go together; set both or neither");
        require(!(patience > 0 && subnet), "patience (early stopping) does not combine with subnet");
        milestones = List.copyOf(milestones);
        cropScale = List.copyOf(cropScale);
        require(cropScale.size() == 2 && cropScale.get(0) > 0 && cropScale.get(0) <= cropScale.get(1)
                && cropScale.get(1) <= 1, "cropScale must be [lo, hi] with 0 < lo <= hi <= 1; got " + cropScale);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("linear " + message);
        }
    }
}
