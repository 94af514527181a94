package contrastlab.runtime.stage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What differs between the section a stage recorded when it ran and the section the recipe resolves
 * to now, as JSON pointers ({@code /recipe/method/temperature: 0.1 -> 0.2}).
 *
 * <p>Key order never counts. Neither does a key the recorded section lacks, when the user's recipe does
 * not set it: a newer contrastlab added that parameter, and a new parameter's default keeps the old
 * behaviour (the rule for plugin authors, README "Writing a plugin"), so the finished stage computed
 * exactly that. A key the user sets explicitly, a changed value and a removed key all count.
 */
record SectionChange(List<String> differences) {

    /**
     * @param givenByUser whether the user's recipe sets the key at a section pointer
     */
    static SectionChange between(JsonNode recorded, JsonNode current, Predicate<String> givenByUser) {
        List<String> out = new ArrayList<>();
        if (recorded == null) {
            out.add("(not run before)");
        } else {
            compare("", recorded, current, givenByUser, out);
        }
        return new SectionChange(List.copyOf(out));
    }

    boolean none() {
        return differences.isEmpty();
    }

    /** The first few differences, for one log line. */
    String summary() {
        int shown = Math.min(3, differences.size());
        String head = String.join(", ", differences.subList(0, shown));
        return differences.size() > shown ? head + " and " + (differences.size() - shown) + " more" : head;
    }

    private static void compare(String pointer, JsonNode recorded, JsonNode current, Predicate<String> givenByUser,
            List<String> out) {
        if (recorded.isObject() && current.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = current.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = pointer + "/" + escape(field.getKey());
                JsonNode before = recorded.get(field.getKey());
                if (before == null) {
                    if (givenByUser.test(child)) {
                        out.add(child + ": set, new since the stage ran");
                    }
                } else {
                    compare(child, before, field.getValue(), givenByUser, out);
                }
            }
            recorded.fieldNames().forEachRemaining(name -> {
                if (!current.has(name)) {
                    out.add(pointer + "/" + escape(name) + ": removed");
                }
            });
        } else if (recorded.isArray() && current.isArray() && recorded.size() == current.size()) {
            for (int i = 0; i < current.size(); i++) {
                compare(pointer + "/" + i, recorded.get(i), current.get(i), givenByUser, out);
            }
        } else if (!recorded.equals(current)) {
            out.add((pointer.isEmpty() ? "/" : pointer) + ": " + brief(recorded) + " -> " + brief(current));
        }
    }

    private static String brief(JsonNode node) {
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }

    /** RFC 6901: '~' and '/' inside a key. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
