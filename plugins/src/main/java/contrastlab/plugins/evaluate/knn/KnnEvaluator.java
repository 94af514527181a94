package contrastlab.plugins.evaluate.knn;

import contrastlab.api.evaluate.EvaluationContext;
import contrastlab.api.evaluate.Evaluator;
import contrastlab.api.evaluate.FeatureSet;
import contrastlab.plugins.evaluate.common.Standardizer;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Classifies the test split by weighted kNN over the train split and reports top-1 accuracy. */
final class KnnEvaluator implements Evaluator {

    private static final Logger LOG = LoggerFactory.getLogger(KnnEvaluator.class);

    private final KnnParameters parameters;

    KnnEvaluator(KnnParameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public Set<String> featureTaps() {
        return EvaluationContext.BACKBONE.equals(parameters.features()) ? Set.of() : Set.of(parameters.features());
    }

    @Override
    public Map<String, Double> evaluate(EvaluationContext context) throws IOException {
        FeatureSet train = context.features(parameters.trainSplit(), parameters.features());
        FeatureSet test = context.features(parameters.testSplit(), parameters.features());
        long start = System.nanoTime();
        if (parameters.standardize()) {
            Standardizer scaler = Standardizer.fit(train.values(), train.count(), train.dim());
            train = standardized(train, scaler);
            test = standardized(test, scaler);
        }
        KnnClassifier knn = new KnnClassifier(parameters.k(), parameters.temperature());
        int[] predicted = knn.predict(context.manager(), train, test);
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == test.labels()[i]) {
                correct++;
            }
        }
        double top1 = test.count() == 0 ? 0.0 : (double) correct / test.count();
        LOG.debug("knn k={} t={}{}: {} test against {} train features of dim {} in {} ms, top1 {}",
                parameters.k(), parameters.temperature(), parameters.standardize() ? " standardised" : "", test.count(), train.count(), train.dim(),
                (System.nanoTime() - start) / 1_000_000, top1);
        return Map.of("top1", top1);
    }

    private static FeatureSet standardized(FeatureSet features, Standardizer scaler) {
        return new FeatureSet(features.count(), features.dim(), scaler.apply(features.values()), features.labels(),
                features.numClasses());
    }
}
