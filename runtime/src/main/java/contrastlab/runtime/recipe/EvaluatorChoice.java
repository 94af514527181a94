package contrastlab.runtime.recipe;

/** An evaluate section: run after every {@code everyEpochs}-th epoch and after the last one. */
public record EvaluatorChoice(PluginChoice<?> choice, int everyEpochs) {}
