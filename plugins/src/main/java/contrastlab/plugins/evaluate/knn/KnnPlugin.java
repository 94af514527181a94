package contrastlab.plugins.evaluate.knn;

import contrastlab.api.evaluate.EvaluationContext;
import contrastlab.api.evaluate.Evaluator;
import contrastlab.api.evaluate.EvaluatorPlugin;

/**
 * The {@code knn} evaluator: weighted cosine k-nearest-neighbour classification of the test split
 * against the train split's features (InstDisc / MoCo CIFAR-10 protocol). Reports {@code top1}.
 */
public final class KnnPlugin implements EvaluatorPlugin<KnnParameters> {

    @Override
    public String name() {
        return "knn";
    }

    @Override
    public Class<KnnParameters> parametersType() {
        return KnnParameters.class;
    }

    @Override
    public KnnParameters defaults() {
        return new KnnParameters(200, 0.1, "train", "test", EvaluationContext.BACKBONE, false);
    }

    @Override
    public String description() {
        return "weighted cosine kNN (k, temperature) of test features against train features, optionally standardised; top1";
    }

    @Override
    public Evaluator create(KnnParameters parameters) {
        return new KnnEvaluator(parameters);
    }
}
