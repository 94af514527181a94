package contrastlab.api.method;

import contrastlab.api.backbone.Backbone;
import contrastlab.api.dataset.ImageShape;
import java.util.function.Supplier;

/**
 * What a method is built against.
 *
 * @param featureDim size of the backbone's feature vector
 * @param views number of augmented views per image in a batch
 * @param batchSize images per batch (before views)
 * @param numClasses label classes of the training split, 0 when it has no labels
 * @param input the shape of one augmented view, as the backbone sees it
 * @param newBackbone builds another, uninitialised instance of the run's backbone (momentum encoders)
 */
public record MethodContext(int featureDim, int views, int batchSize, int numClasses, ImageShape input,
        Supplier<Backbone> newBackbone) {}
