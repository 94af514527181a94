package contrastlab.api.backbone;

import contrastlab.api.dataset.ImageShape;
import contrastlab.api.plugin.Plugin;

/** Builds an encoder for images of a given shape. */
public interface BackbonePlugin<P> extends Plugin<P> {

    /** A new, uninitialised backbone; called again for copies (e.g. a momentum encoder). */
    Backbone create(P parameters, ImageShape input);
}
