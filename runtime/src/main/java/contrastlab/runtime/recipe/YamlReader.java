package contrastlab.runtime.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses YAML into a Jackson tree while remembering where each key and value stood. SnakeYAML's node
 * graph is used instead of Jackson's YAML parser because it keeps every node's position.
 */
final class YamlReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String source;
    private final Map<String, Location> values = new HashMap<>();
    private final Map<String, Location> keys = new HashMap<>();

    private YamlReader(String source) {
        this.source = source;
    }

    /** Reads a recipe file; its top level must be a map. */
    static RecipeTree readFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RecipeException("recipe " + file + " does not exist; check the path");
        } catch (IOException e) {
            throw new RecipeException("cannot read recipe " + file + ": " + e.getMessage());
        }
        return readText(text, file.toString());
    }

    static RecipeTree readText(String text, String source) {
        YamlReader reader = new YamlReader(source);
        Node node = reader.compose(new StringReader(text));
        if (node == null) {
            throw new RecipeException("recipe " + source + " is empty; it must be a YAML map of recipe keys");
        }
        JsonNode tree = reader.convert(node, "");
        if (!(tree instanceof ObjectNode object)) {
            throw new RecipeException("recipe " + source + " must be a YAML map of recipe keys, found a "
                    + tree.getNodeType().toString().toLowerCase());
        }
        return new RecipeTree(object, reader.values, reader.keys);
    }

    /** Parses a single YAML value (used for {@code --set key=value}). */
    static JsonNode readValue(String text, String source) {
        YamlReader reader = new YamlReader(source);
        Node node = reader.compose(new StringReader(text));
        return node == null ? NODES.nullNode() : reader.convert(node, "");
    }

    private Node compose(Reader reader) {
        try {
            return new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? source : source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            throw new RecipeException("invalid YAML at " + where + ": " + e.getProblem() + "; fix the syntax");
        } catch (RuntimeException e) {
            throw new RecipeException("invalid YAML in " + source + ": " + e.getMessage());
        }
    }

    private Location location(Node node) {
        Mark mark = node.getStartMark();
        return mark == null ? new Location(source, 0, 0) : new Location(source, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private JsonNode convert(Node node, String path) {
        values.put(path, location(node));
        if (node instanceof MappingNode mapping) {
            ObjectNode object = NODES.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                    throw new RecipeException("unsupported key at " + location(tuple.getKeyNode()) + ": keys must be plain names");
                }
                String key = keyNode.getValue();
                String childPath = path.isEmpty() ? key : path + "." + key;
                if (object.has(key)) {
                    throw new RecipeException("duplicate key '" + childPath + "' at " + location(keyNode) + "; keep one of them");
                }
                keys.put(childPath, location(keyNode));
                object.set(key, convert(tuple.getValueNode(), childPath));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = NODES.arrayNode();
            int i = 0;
            for (Node item : sequence.getValue()) {
                String childPath = path.isEmpty() ? Integer.toString(i) : path + "." + i;
                keys.put(childPath, location(item));
                array.add(convert(item, childPath));
                i++;
            }
            return array;
        }
        ScalarNode scalar = (ScalarNode) node;
        return scalar(scalar);
    }

    private JsonNode scalar(ScalarNode scalar) {
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            if (Tag.NULL.equals(tag)) {
                return NODES.nullNode();
            }
            if (Tag.BOOL.equals(tag)) {
                String lower = text.toLowerCase();
                return NODES.booleanNode(lower.equals("true") || lower.equals("yes") || lower.equals("on") || lower.equals("y"));
            }
            if (Tag.INT.equals(tag)) {
                BigInteger value = new BigInteger(text.replace("_", "").replace("+", ""));
                return value.bitLength() < 63 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
            }
            if (Tag.FLOAT.equals(tag)) {
                String t = text.replace("_", "").toLowerCase();
                if (t.endsWith(".inf")) {
                    return NODES.numberNode(t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
                }
                if (t.equals(".nan")) {
                    return NODES.numberNode(Double.NaN);
                }
                return NODES.numberNode(new BigDecimal(t).doubleValue());
            }
        } catch (NumberFormatException e) {
            return NODES.textNode(text);
        }
        return NODES.textNode(text);
    }
}
