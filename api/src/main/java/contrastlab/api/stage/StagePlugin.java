package contrastlab.api.stage;

import contrastlab.api.plugin.Plugin;

/**
 * Builds a {@link Stage} of a multi-stage recipe ({@code stages: [autoencoder, pseudo-labels, pretrain,
 * evaluate]}). {@code pretrain} and {@code evaluate} are the runtime's own stages; every other entry
 * names a plugin of this kind.
 */
public interface StagePlugin<P> extends Plugin<P> {

    Stage create(P parameters, StageContext context);
}
