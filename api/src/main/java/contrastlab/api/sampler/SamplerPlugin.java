package contrastlab.api.sampler;

import contrastlab.api.plugin.Plugin;

/** Builds a {@link Sampler} for the training split. */
public interface SamplerPlugin<P> extends Plugin<P> {

    Sampler create(P parameters, SamplerContext context);
}
