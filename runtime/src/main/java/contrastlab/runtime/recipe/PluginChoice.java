package contrastlab.runtime.recipe;

import contrastlab.api.plugin.Plugin;
import contrastlab.api.plugin.PluginKind;

/**
 * A plugin picked by a recipe section, with its bound parameters.
 *
 * @param path the section's dotted path in the recipe ({@code method}, {@code augment.2})
 */
public record PluginChoice<P>(PluginKind kind, String path, Plugin<P> plugin, P parameters) {

    public String name() {
        return plugin.name();
    }
}
