package contrastlab.plugins.method.selfcon;

import java.util.List;

/**
 * Parameters of the ConLoss methods ({@code supcon}, {@code supcon-s}, {@code con}, {@code selfcon},
 * {@code selfcon-su}, {@code selfcon-m}, {@code selfcon-mu}).
 *
 * @param temperature tau of the loss (the original's {@code --temp}; 0.1 in its CIFAR-100 scripts)
 * @param baseTemperature tauBase: the loss is multiplied by tau / tauBase (fixed at 0.07 in the original)
 * @param head {@code mlp}: Linear(d, d)-ReLU-Linear(d, projectionDim); {@code linear}: Linear(d,
 *     projectionDim); one head for the backbone's features and one for every exit, each output
 *     L2-normalised
 * @param projectionDim the output size of every head (the original's {@code feat_dim})
 */
public record ConParameters(double temperature, double baseTemperature, String head, int projectionDim) {

    static final String MLP = "mlp";
    static final List<String> HEADS = List.of(MLP, "linear");

    public ConParameters {
        if (!(temperature > 0) || !(baseTemperature > 0)) {
            throw new IllegalArgumentException("temperature and baseTemperature must be positive, got "
                    + temperature + " and " + baseTemperature);
        }
        if (!HEADS.contains(head)) {
            throw new IllegalArgumentException("head '" + head + "' is not valid; valid: " + String.join(", ", HEADS));
        }
        if (projectionDim <= 0) {
            throw new IllegalArgumentException("projectionDim must be positive, got " + projectionDim);
        }
    }
}
