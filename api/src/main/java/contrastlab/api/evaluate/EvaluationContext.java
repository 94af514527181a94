package contrastlab.api.evaluate;

import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import contrastlab.api.augment.Augmentation;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.dataset.ImageDataset;
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

    /**
     * Features of a labelled split at a named layer: {@code "backbone"} is {@link #features(String)},
     * any other name one of the method's {@link contrastlab.api.method.Method#featureTaps() taps}
     * applied to the backbone's features (e.g. G-SimCLR's P1 and P2 inside the projection head).
     * Cached like {@link #features(String)}.
     *
     * @throws IllegalArgumentException naming the available taps when {@code tap} is not one of them
     */
    default FeatureSet features(String split, String tap) throws IOException {
        if (BACKBONE.equals(tap)) {
            return features(split);
        }
        throw new IllegalArgumentException("features '" + tap + "' is not available here; use '" + BACKBONE + "'");
    }

    /** The tap name of the backbone's own features. */
    String BACKBONE = "backbone";

    /**
     * For protocols that fine-tune the encoder: a new instance of the run's backbone, initialised on
     * {@code manager} with a copy of the current weights, so training it never changes the run's own.
     * Its BatchNorm running statistics are copied too.
     *
     * @throws UnsupportedOperationException when this context cannot build one
     */
    default Backbone backboneCopy(NDManager manager) {
        throw new UnsupportedOperationException("this evaluation context cannot copy the backbone");
    }

    /**
     * For fine-tuning with BatchNorm frozen: a gradient collector inside which blocks are run with
     * {@code training = false}, so BatchNorm normalises with its running statistics and leaves them
     * unchanged while gradients still reach every parameter and input (Keras'
     * {@code model(x, training=False)} under a gradient tape). A plain collector cannot do this on MXNet:
     * it records in training mode and its backward applies the training-mode BatchNorm gradient.
     *
     * @throws UnsupportedOperationException when this context's engine cannot
     */
    default GradientCollector newInferenceModeCollector() {
        throw new UnsupportedOperationException("this evaluation context has no inference-mode gradient collector");
    }

    /** A labelled split of the run's dataset, for protocols that read images themselves. */
    default ImageDataset dataset(String split) throws IOException {
        throw new UnsupportedOperationException("this evaluation context has no image access");
    }

    /** The run's evaluation transform (e.g. to-tensor and normalise), as {@link #features(String)} applies it. */
    default Augmentation evalTransform() {
        throw new UnsupportedOperationException("this evaluation context has no evaluation transform");
    }

    /** The run's seed, for evaluators that draw (label fractions, initialisation). */
    default long seed() {
        return 0L;
    }

    /** Zero-based epoch that just finished. */
    int epoch();
}
