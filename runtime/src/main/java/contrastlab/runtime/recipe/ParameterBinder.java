package contrastlab.runtime.recipe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds a recipe section to a parameter record: the record's defaults are serialised, the section's
 * keys are laid over them, and the result is read back. Unknown keys, wrong types and missing
 * required values become one-line {@link RecipeException}s with the position and the fix.
 */
public final class ParameterBinder {

    /** The mapper every recipe value goes through: strict about unknown keys and about types. */
    public static final ObjectMapper MAPPER = strictMapper();

    private ParameterBinder() {}

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // a plugin without parameters (to-tensor) has an empty record
                .disable(com.fasterxml.jackson.databind.SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // Map.of iterates in an order that changes from one JVM to the next: sorted keys keep the resolved
                // recipe, and the stage sections compared on a re-run, the same text every time
                .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .addModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
                .build();
        // A string where a number or flag is expected is a type error, not something to guess at.
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /**
     * Binds {@code section} (the keys given in the recipe, without {@code type} and the runtime's
     * common keys) over {@code defaults}.
     *
     * @param what how errors name the section, e.g. "method 'simclr'"
     * @param path the section's dotted path in the recipe
     */
    public static <P> P bind(Class<P> type, P defaults, ObjectNode section, String what, String path, RecipeTree tree) {
        ObjectNode merged = defaults == null ? MAPPER.createObjectNode() : MAPPER.valueToTree(defaults);
        Set<String> known = new TreeSet<>();
        merged.fieldNames().forEachRemaining(known::add);
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                known.add(c.getName());
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = section.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (!known.contains(key)) {
                String keyPath = join(path, key);
                throw new RecipeException("unknown key '" + keyPath + "' for " + what + " at "
                        + tree.keyLocation(keyPath) + "; valid keys: " + String.join(", ", known));
            }
            merged.set(key, field.getValue());
        }
        P bound;
        try {
            bound = MAPPER.treeToValue(merged, type);
        } catch (JsonMappingException e) {
            String keyPath = join(path, jsonPath(e));
            throw new RecipeException("wrong value for '" + keyPath + "' (" + what + ") at "
                    + tree.valueLocation(keyPath) + ": " + firstLine(e.getOriginalMessage())
                    + "; expected " + expected(type, jsonPath(e)));
        } catch (JsonProcessingException e) {
            throw new RecipeException("cannot read " + what + " at " + tree.valueLocation(path) + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            // a record's own validation (compact constructor) rejected the values
            throw new RecipeException("invalid " + what + " at " + tree.valueLocation(path) + ": "
                    + firstLine(e.getMessage()));
        }
        List<String> missing = missingRequired(bound);
        if (!missing.isEmpty()) {
            throw new RecipeException("missing required key '" + join(path, missing.get(0)) + "' for " + what
                    + " at " + tree.valueLocation(path) + "; add " + missing.get(0) + ": <value>");
        }
        return bound;
    }

    private static String expected(Class<?> type, String field) {
        if (type.isRecord() && !field.isEmpty()) {
            String head = field.split("\\.")[0];
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getName().equals(head)) {
                    return describe(c.getGenericType().getTypeName());
                }
            }
        }
        return "a value of the documented type (see 'contrastlab plugins')";
    }

    private static String describe(String typeName) {
        String t = typeName.replace("java.lang.", "").replace("java.util.", "");
        return switch (t) {
            case "int", "Integer", "long", "Long" -> "an integer";
            case "float", "Float", "double", "Double" -> "a number";
            case "boolean", "Boolean" -> "true or false";
            case "String" -> "a string";
            default -> t.startsWith("List<") ? "a list (" + t + ")" : t;
        };
    }

    private static List<String> missingRequired(Object bound) {
        List<String> missing = new ArrayList<>();
        if (bound != null && bound.getClass().isRecord()) {
            for (RecordComponent c : bound.getClass().getRecordComponents()) {
                try {
                    if (c.getAccessor().invoke(bound) == null) {
                        missing.add(c.getName());
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return missing;
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            String part = ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex());
            sb.append(sb.length() == 0 ? "" : ".").append(part);
        }
        return sb.toString();
    }

    static String join(String path, String key) {
        if (key == null || key.isEmpty()) {
            return path;
        }
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
