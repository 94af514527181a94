package contrastlab.api.pretext;

import contrastlab.api.plugin.Plugin;

/** Builds a pretext task for a backbone with the given feature size. */
public interface PretextPlugin<P> extends Plugin<P> {

    PretextTask create(P parameters, int featureDim);
}
