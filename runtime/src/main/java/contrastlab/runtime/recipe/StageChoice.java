package contrastlab.runtime.recipe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * One entry of a recipe's {@code stages:} list.
 *
 * @param name the stage's name, unique in the recipe (default: its type); its folder is {@code stages/<name>}
 * @param kind {@link Kind#PRETRAIN}, {@link Kind#EVALUATE} or a stage plugin
 * @param plugin the stage plugin and its bound parameters (empty for the built-in stages)
 * @param resolved the entry with every default filled in ({@code type}, {@code name}, parameters)
 */
public record StageChoice(String name, Kind kind, Optional<PluginChoice<?>> plugin, ObjectNode resolved) {

    /** The built-in stages and the plugin stages. */
    public enum Kind {
        /** The runtime's training (the recipe's top-level sections); exactly once. */
        PRETRAIN("pretrain"),
        /** The recipe's evaluators with {@code everyEpochs: 0}, on the final weights; after pretrain. */
        EVALUATE("evaluate"),
        /** A {@code StagePlugin} by type. */
        PLUGIN("");

        private final String type;

        Kind(String type) {
            this.type = type;
        }

        /** The {@code type} a recipe gives a built-in stage. */
        public String type() {
            return type;
        }
    }

    public String type() {
        return resolved.get("type").asText();
    }
}
