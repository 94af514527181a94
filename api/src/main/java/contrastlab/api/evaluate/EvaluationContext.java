package contrastlab.api.evaluate;

import ai.djl.ndarray.NDManager;
import contrastlab.api.augment.Augmentation;
import java.io.IOException;

/** What an evaluator measures: the frozen backbone's features, by split. */
public interface EvaluationContext {

    /** A manager closed when the evaluation ends. */
    NDManager manager();

    /**
     * Features of a labelled split of the run's dataset, computed once per evaluation round and
     * shared by all evaluators.
     */
    FeatureSet features(String split) throws IOException;

    /**
     * Features of a labelled split encoded again with {@code augmentation} applied to each image before
     * the run's evaluation transform (e.g. a random crop and flip before the normalisation), for
     * protocols that augment the train images every epoch. Not cached. The random draws for image
     * {@code i} come from (run seed, evaluation epoch, {@code draw}, {@code i}), so each {@code draw}
     * (e.g. the linear epoch) gives fresh, reproducible augmentations.
     *
     * @throws UnsupportedOperationException when this context cannot encode images again
     */
    default FeatureSet augmentedFeatures(String split, Augmentation augmentation, int draw) throws IOException {
        throw new UnsupportedOperationException("this evaluation context cannot encode augmented images");
    }

    /** Zero-based epoch that just finished. */
    int epoch();
}
