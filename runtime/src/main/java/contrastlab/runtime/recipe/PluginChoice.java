package contrastlab.runtime.recipe;

import contrastlab.api.plugin.Plugin;
import contrastlab.api.plugin.PluginKind;
import java.util.List;

/**
 * A plugin picked by a recipe section, with its bound parameters.
 *
 * @param path the section's dotted path in the recipe ({@code method}, {@code augment.2})
 * @param steps the inner steps of a composite augmentation ({@code random-apply}), else empty
 */
public record PluginChoice<P>(PluginKind kind, String path, Plugin<P> plugin, P parameters, List<PluginChoice<?>> steps) {

    public PluginChoice {
        steps = List.copyOf(steps);
    }

    public PluginChoice(PluginKind kind, String path, Plugin<P> plugin, P parameters) {
        this(kind, path, plugin, parameters, List.of());
    }

    public String name() {
        return plugin.name();
    }
}
