package contrastlab.plugins.method.common;

import contrastlab.api.backbone.Backbone;

/**
 * A method that reads the run's backbone itself — a momentum method's query encoder, whose weights it
 * copies into its key encoder and follows with an exponential moving average. The runtime hands the
 * backbone over right after creating the method, before {@code initialize}.
 *
 * <p>Stands in for a {@code MethodContext.backbone()} that the api does not (yet) have: the context
 * only builds further backbones, and a step only runs the backbone, so neither reaches its weights.
 */
public interface BackboneAware {

    /** Called once with the run's backbone (the block the runtime trains, evaluates and checkpoints). */
    void bindBackbone(Backbone backbone);
}
