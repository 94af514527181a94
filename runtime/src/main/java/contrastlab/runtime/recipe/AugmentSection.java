package contrastlab.runtime.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contrastlab.api.augment.AugmentPreset;
import contrastlab.runtime.recipe.preset.PresetRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The forms the {@code augment} section takes, reduced to explicit step lists:
 * <ul>
 * <li>a list of {@code {type: ...}} steps, applied to every view;</li>
 * <li>a preset, {@code {preset: abcde, size: 32, ...}}, expanded by its {@link AugmentPreset};</li>
 * <li>{@code {views: [P0, P1, ...]}}, one pipeline per view (asymmetric recipes), each a list or a preset.</li>
 * </ul>
 */
final class AugmentSection {

    /** One view's steps and the recipe path their errors are reported under. */
    record Pipeline(String path, JsonNode steps) {}

    /** The pipelines, and whether they were given per view. */
    record Expanded(List<Pipeline> pipelines, boolean perView) {}

    private AugmentSection() {}

    static Expanded expand(RecipeTree tree, String key, PresetRegistry presets, int views) {
        JsonNode node = tree.root().get(key);
        if (node instanceof ObjectNode map && map.has("views")) {
            if (map.size() != 1) {
                List<String> others = new ArrayList<>();
                map.fieldNames().forEachRemaining(k -> {
                    if (!k.equals("views")) {
                        others.add(k);
                    }
                });
                throw new RecipeException("unknown key '" + key + "." + others.get(0) + "' at "
                        + tree.keyLocation(key + "." + others.get(0)) + "; with 'views' give each view's pipeline"
                        + " inside the list: " + key + ": {views: [[...steps...], {preset: ...}]}");
            }
            JsonNode list = map.get("views");
            String path = key + ".views";
            if (!(list instanceof ArrayNode array)) {
                throw new RecipeException("'" + path + "' at " + tree.valueLocation(path)
                        + " must be a list with one pipeline per view (a list of steps or a {preset: ...})");
            }
            if (array.size() != views) {
                throw new RecipeException("'" + path + "' at " + tree.valueLocation(path) + " has " + array.size()
                        + " pipelines but views is " + views + "; give one pipeline per view");
            }
            List<Pipeline> pipelines = new ArrayList<>();
            for (int v = 0; v < array.size(); v++) {
                String viewPath = path + "." + v;
                pipelines.add(new Pipeline(viewPath, expandOne(tree, viewPath, array.get(v), presets)));
            }
            return new Expanded(pipelines, true);
        }
        return new Expanded(List.of(new Pipeline(key, expandOne(tree, key, node, presets))), false);
    }

    /** A list stays as it is; a preset becomes its list of steps. */
    private static JsonNode expandOne(RecipeTree tree, String path, JsonNode node, PresetRegistry presets) {
        if (!(node instanceof ObjectNode map)) {
            return node;
        }
        JsonNode name = map.get("preset");
        if (name == null || !name.isTextual()) {
            throw new RecipeException("'" + path + "' at " + tree.valueLocation(path) + " must be a list of"
                    + " {type: ...} steps, a preset ({preset: abcde}) or {views: [...]}; known presets: "
                    + presets.hint());
        }
        AugmentPreset<?> preset = presets.find(name.asText()).orElseThrow(() -> new RecipeException(
                "unknown augmentation preset '" + name.asText() + "' at " + tree.valueLocation(path + ".preset")
                        + "; known: " + presets.hint()));
        ObjectNode keys = map.deepCopy();
        keys.remove("preset");
        return steps(preset, name.asText(), keys, path, tree);
    }

    private static <P> ArrayNode steps(AugmentPreset<P> preset, String name, ObjectNode keys, String path,
            RecipeTree tree) {
        P parameters = ParameterBinder.bind(preset.parametersType(), preset.defaults(), keys,
                "augmentation preset '" + name + "'", path, tree);
        List<Map<String, Object>> steps;
        try {
            steps = preset.expand(name, parameters);
        } catch (IllegalArgumentException e) {
            throw new RecipeException("invalid augmentation preset '" + name + "' at " + tree.valueLocation(path)
                    + ": " + e.getMessage());
        }
        return ParameterBinder.MAPPER.valueToTree(steps);
    }
}
