package contrastlab.api.method;

import contrastlab.api.backbone.Backbone;
import contrastlab.api.dataset.ImageShape;
import java.util.function.Supplier;

/**
 * What a method is built against.
 *
 * @param backbone the run's backbone: the encoder {@link StepContext#encode} runs (a momentum
 *     encoder starts as a copy of it and follows it)
 * @param views number of augmented views per image in a batch
 * @param batchSize images per batch (before views)
 * @param numClasses label classes of the training split, 0 when it has no labels
 * @param input the shape of one augmented view, as the backbone sees it
 * @param newBackbone builds another, uninitialised instance of the run's backbone (momentum encoders)
 */
public record MethodContext(Backbone backbone, int views, int batchSize, int numClasses, ImageShape input,
        Supplier<Backbone> newBackbone) {

    /** Size of the backbone's feature vector. */
    public int featureDim() {
        return backbone.featureDim();
    }
}
