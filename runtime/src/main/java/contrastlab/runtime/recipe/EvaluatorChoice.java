package contrastlab.runtime.recipe;

/**
 * An evaluate section: run after every {@code everyEpochs}-th epoch and after the last one
 * ({@code everyEpochs: 0}: after the last one only); its metrics are reported as {@code name.metric}
 * ({@code name} defaults to the evaluator's type, so one recipe can run a type several times).
 */
public record EvaluatorChoice(PluginChoice<?> choice, int everyEpochs, String name) {}
