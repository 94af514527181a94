package contrastlab.runtime.recipe;

/**
 * An evaluate section: run after every {@code everyEpochs}-th epoch and after the last one
 * ({@code everyEpochs: 0}: after the last one only).
 */
public record EvaluatorChoice(PluginChoice<?> choice, int everyEpochs) {}
