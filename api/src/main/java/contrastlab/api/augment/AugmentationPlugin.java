package contrastlab.api.augment;

import contrastlab.api.plugin.Plugin;

/** Makes one {@link Augmentation} step of a view pipeline from its recipe parameters. */
public interface AugmentationPlugin<P> extends Plugin<P> {

    Augmentation create(P parameters);
}
