package contrastlab.api.evaluate;

import contrastlab.api.plugin.Plugin;

/** Builds an {@link Evaluator}. The runtime handles the common {@code everyEpochs} key. */
public interface EvaluatorPlugin<P> extends Plugin<P> {

    Evaluator create(P parameters);
}
