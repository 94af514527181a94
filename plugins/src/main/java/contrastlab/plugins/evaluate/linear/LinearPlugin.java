package contrastlab.plugins.evaluate.linear;

import contrastlab.api.evaluate.EvaluationContext;
import contrastlab.api.evaluate.Evaluator;
import contrastlab.api.evaluate.EvaluatorPlugin;
import java.util.List;

/**
 * The {@code linear} evaluator: a linear classifier trained on the frozen backbone's features of the
 * train split and measured on the test split. Reports {@code top1} (the last linear epoch) and
 * {@code top1_best_epoch} (the best linear epoch, chosen on the test split as the papers do).
 */
public final class LinearPlugin implements EvaluatorPlugin<LinearParameters> {

    private static final LinearParameters DEFAULTS = new LinearParameters("none", "adam", 3e-4, 0.9, 1e-4, 64, 100,
            "constant", List.of(60, 80), 0.1, true, false, List.of(0.2, 1.0), true, false, false, "train", "test", 0,
            EvaluationContext.BACKBONE, 0.0, 0);

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public Class<LinearParameters> parametersType() {
        return LinearParameters.class;
    }

    @Override
    public LinearParameters defaults() {
        return DEFAULTS;
    }

    @Override
    public String description() {
        return "linear probe on frozen features (preset scatsimclr | selfcon | gsimclr); top1 (last epoch, or the "
                + "early-stopping epoch), top1_best_epoch (best epoch, on test), sub_*/ensemble_* with subnet";
    }

    @Override
    public Evaluator create(LinearParameters parameters) {
        return new LinearEvaluator(resolve(parameters));
    }

    /**
     * The settings a run uses: with a preset, every key still at this plugin's default takes the
     * preset's value; a key the recipe changed keeps the recipe's value. (The recipe binder hands over
     * the merged record, so a key set explicitly to the default value counts as left out.)
     */
    public static LinearParameters resolve(LinearParameters p) {
        LinearParameters preset = switch (p.preset()) {
            // ScatSimCLR's LogisticRegressionEvaluator: StandardScaler, one nn.Linear, Adam 3e-4, wd 1e-4,
            // batch 64, 100 epochs, loaders without shuffling and with drop_last
            case "scatsimclr" -> new LinearParameters("scatsimclr", "adam", 3e-4, 0.9, 1e-4, 64, 100, "constant",
                    DEFAULTS.milestones(), DEFAULTS.gamma(), true, false, DEFAULTS.cropScale(), false, true, false,
                    DEFAULTS.trainSplit(), DEFAULTS.testSplit(), DEFAULTS.seed(), DEFAULTS.features(), 0.0, 0);
            // SelfCon's main_linear.py as its scripts run it: SGD 0.9, lr 3 (batch 512), wd 0, 100 epochs,
            // x0.1 at 60 and 80, RandomResizedCrop(scale 0.2-1) + flip on the train images, no standardisation
            case "selfcon" -> new LinearParameters("selfcon", "sgd", 3.0, 0.9, 0.0, 512, 100, "step", List.of(60, 80),
                    0.1, false, true, List.of(0.2, 1.0), true, false, DEFAULTS.subnet(), DEFAULTS.trainSplit(),
                    DEFAULTS.testSplit(), DEFAULTS.seed(), DEFAULTS.features(), 0.0, 0);
            // G-SimCLR's Linear_Evaluation notebook: Dense(10) softmax on the raw features, Adam 1e-3, batch 64,
            // <= 100 epochs (fit shuffles), EarlyStopping(val_loss, patience 2, restore best) -- on the test set
            // there; here on a seeded 10 % of train
            case "gsimclr" -> new LinearParameters("gsimclr", "adam", 1e-3, 0.9, 0.0, 64, 100, "constant",
                    DEFAULTS.milestones(), DEFAULTS.gamma(), false, false, DEFAULTS.cropScale(), true, false, false, DEFAULTS.trainSplit(),
                    DEFAULTS.testSplit(), DEFAULTS.seed(), DEFAULTS.features(), 0.1, 2);
            default -> null;
        };
        if (preset == null) {
            return p;
        }
        LinearParameters d = DEFAULTS;
        return new LinearParameters(p.preset(),
                pick(p.optimizer(), d.optimizer(), preset.optimizer()),
                pick(p.lr(), d.lr(), preset.lr()),
                pick(p.momentum(), d.momentum(), preset.momentum()),
                pick(p.weightDecay(), d.weightDecay(), preset.weightDecay()),
                pick(p.batchSize(), d.batchSize(), preset.batchSize()),
                pick(p.epochs(), d.epochs(), preset.epochs()),
                pick(p.schedule(), d.schedule(), preset.schedule()),
                pick(p.milestones(), d.milestones(), preset.milestones()),
                pick(p.gamma(), d.gamma(), preset.gamma()),
                pick(p.standardize(), d.standardize(), preset.standardize()),
                pick(p.trainAugment(), d.trainAugment(), preset.trainAugment()),
                pick(p.cropScale(), d.cropScale(), preset.cropScale()),
                pick(p.shuffle(), d.shuffle(), preset.shuffle()),
                pick(p.dropLast(), d.dropLast(), preset.dropLast()),
                pick(p.subnet(), d.subnet(), preset.subnet()),
                pick(p.trainSplit(), d.trainSplit(), preset.trainSplit()),
                pick(p.testSplit(), d.testSplit(), preset.testSplit()),
                pick(p.seed(), d.seed(), preset.seed()),
                pick(p.features(), d.features(), preset.features()),
                pick(p.validationFraction(), d.validationFraction(), preset.validationFraction()),
                pick(p.patience(), d.patience(), preset.patience()));
    }

    private static <T> T pick(T given, T defaultValue, T presetValue) {
        return given.equals(defaultValue) ? presetValue : given;
    }
}
