package contrastlab.runtime.recipe;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed {@code key=value} applied over a recipe, with where it was written (a sweep file's grid
 * entry), so a value the recipe rejects is reported at its own position.
 *
 * @param key a dotted recipe key ({@code method.type}, {@code evaluate.0.k})
 */
public record Assignment(String key, JsonNode value, Location location) {}
