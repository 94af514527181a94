package contrastlab.api.method;

import contrastlab.api.plugin.Plugin;

/** Builds a {@link Method} for the run's backbone and batch layout. */
public interface MethodPlugin<P> extends Plugin<P> {

    Method create(P parameters, MethodContext context);

    /** Whether the method needs labels; the runtime rejects it on an unlabelled dataset. */
    default boolean needsLabels(P parameters) {
        return false;
    }
}
