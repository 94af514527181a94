package contrastlab.runtime.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed recipe: a Jackson tree plus the source location of every key and value, addressed by a
 * dotted path ({@code method.temperature}, {@code evaluate.0.k}).
 */
public final class RecipeTree {

    private final ObjectNode root;
    private final Map<String, Location> valueLocations;
    private final Map<String, Location> keyLocations;

    RecipeTree(ObjectNode root, Map<String, Location> valueLocations, Map<String, Location> keyLocations) {
        this.root = root;
        this.valueLocations = valueLocations;
        this.keyLocations = keyLocations;
    }

    /**
     * Reads a YAML file whose top level is a map, keeping every key's and value's position (used for
     * recipes and sweep files).
     */
    public static RecipeTree readFile(java.nio.file.Path file) {
        return YamlReader.readFile(file);
    }

    public ObjectNode root() {
        return root;
    }

    /** Where the value at {@code path} was written, or the nearest enclosing value's location. */
    public Location valueLocation(String path) {
        return nearest(valueLocations, path);
    }

    /** Where the key of {@code path} was written (for unknown-key errors). */
    public Location keyLocation(String path) {
        Location key = keyLocations.get(path);
        return key != null ? key : valueLocation(path);
    }

    private static Location nearest(Map<String, Location> locations, String path) {
        String p = path;
        while (true) {
            Location l = locations.get(p);
            if (l != null) {
                return l;
            }
            int dot = p.lastIndexOf('.');
            if (dot < 0) {
                return Optional.ofNullable(locations.get("")).orElse(new Location("recipe", 0, 0));
            }
            p = p.substring(0, dot);
        }
    }

    /**
     * Merges {@code child} over {@code base}: maps merge key by key, anything else (lists, scalars)
     * replaces; a plugin section with a different {@code type} replaces the base's section whole, since
     * the other plugin's keys would not apply. Locations follow the value that wins.
     */
    static RecipeTree merge(RecipeTree base, RecipeTree child) {
        ObjectNode merged = base.root.deepCopy();
        Map<String, Location> values = new HashMap<>(base.valueLocations);
        Map<String, Location> keys = new HashMap<>(base.keyLocations);
        mergeInto(merged, child.root, "", child, values, keys);
        return new RecipeTree(merged, values, keys);
    }

    private static void mergeInto(ObjectNode target, ObjectNode source, String prefix, RecipeTree from,
            Map<String, Location> values, Map<String, Location> keys) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode sourceObject
                    && !switchesType(existingObject, sourceObject)) {
                mergeInto(existingObject, sourceObject, path, from, values, keys);
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
                removeUnder(values, path);
                removeUnder(keys, path);
                copyUnder(from.valueLocations, values, path);
                copyUnder(from.keyLocations, keys, path);
            }
            values.put(path, from.valueLocations.get(path));
            keys.put(path, from.keyLocations.get(path));
        }
    }

    /** A section that names another plugin type replaces the base's section instead of merging into it. */
    private static boolean switchesType(ObjectNode base, ObjectNode child) {
        return child.has("type") && base.has("type") && !child.get("type").equals(base.get("type"));
    }

    private static void removeUnder(Map<String, Location> locations, String path) {
        locations.keySet().removeIf(k -> k.equals(path) || k.startsWith(path + "."));
    }

    private static void copyUnder(Map<String, Location> from, Map<String, Location> to, String path) {
        from.forEach((k, v) -> {
            if (k.equals(path) || k.startsWith(path + ".")) {
                to.put(k, v);
            }
        });
    }

    /** Sets {@code path} to {@code value} (creating maps on the way), recording {@code location}. */
    void set(String path, JsonNode value, Location location) {
        String[] parts = path.split("\\.");
        JsonNode node = root;
        StringBuilder walked = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            String part = parts[i];
            walked.append(walked.length() == 0 ? "" : ".").append(part);
            JsonNode next = child(node, part, location, walked.toString());
            if (next == null || next.isNull()) {
                if (!(node instanceof ObjectNode object)) {
                    throw new RecipeException("cannot set " + path + " (" + location + "): " + walked
                            + " is not a map; fix the --set key");
                }
                next = object.putObject(part);
            }
            node = next;
        }
        String last = parts[parts.length - 1];
        if (node instanceof ObjectNode object) {
            object.set(last, value);
        } else if (node instanceof ArrayNode array && isIndex(last) && Integer.parseInt(last) < array.size()) {
            array.set(Integer.parseInt(last), value);
        } else {
            throw new RecipeException("cannot set " + path + " (" + location + "): its parent is not a map"
                    + " or the list index is out of range; fix the --set key");
        }
        removeUnder(valueLocations, path);
        removeUnder(keyLocations, path);
        valueLocations.put(path, location);
        keyLocations.put(path, location);
    }

    private static JsonNode child(JsonNode node, String part, Location location, String walked) {
        if (node instanceof ArrayNode array) {
            if (!isIndex(part) || Integer.parseInt(part) >= array.size()) {
                throw new RecipeException("cannot set " + walked + " (" + location + "): list index out of range"
                        + " (the list has " + array.size() + " items)");
            }
            return array.get(Integer.parseInt(part));
        }
        return node.get(part);
    }

    private static boolean isIndex(String part) {
        return !part.isEmpty() && part.chars().allMatch(Character::isDigit);
    }
}
