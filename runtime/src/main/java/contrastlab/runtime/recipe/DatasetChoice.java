package contrastlab.runtime.recipe;

/** The dataset section: the plugin plus the split the method trains on. */
public record DatasetChoice(PluginChoice<?> choice, String split) {}
