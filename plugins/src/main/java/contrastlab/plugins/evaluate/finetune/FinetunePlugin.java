package contrastlab.plugins.evaluate.finetune;

import contrastlab.api.evaluate.Evaluator;
import contrastlab.api.evaluate.EvaluatorPlugin;

/**
 * The {@code finetune} evaluator: a classifier on a copy of the backbone, trained on a seeded, stratified
 * label fraction first alone (encoder frozen), then with the whole net at a lower rate, each phase with
 * early stopping on a held-out part of the labelled images (G-SimCLR's 10 % protocol). Reports
 * {@code top1}, {@code warmup_top1}, {@code labelled}, {@code epochs}, {@code warmup_epochs}.
 */
public final class FinetunePlugin implements EvaluatorPlugin<FinetuneParameters> {

    @Override
    public String name() {
        return "finetune";
    }

    @Override
    public Class<FinetuneParameters> parametersType() {
        return FinetuneParameters.class;
    }

    @Override
    public FinetuneParameters defaults() {
        return new FinetuneParameters(0.1, 0.1, 35, 1e-3, 35, 1e-5, 64, 2, "frozen", "train", "test");
    }

    @Override
    public String description() {
        return "fine-tunes a backbone copy + Dense on a stratified label fraction (warm-up frozen, then all at a "
                + "lower rate, early stopping); top1, warmup_top1, labelled, epochs";
    }

    @Override
    public Evaluator create(FinetuneParameters parameters) {
        return new FinetuneEvaluator(parameters);
    }
}
