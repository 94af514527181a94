package contrastlab.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contrastlab.runtime.recipe.Assignment;
import contrastlab.runtime.recipe.RecipeException;
import contrastlab.runtime.recipe.RecipeTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a sweep file. Every mistake is one line naming the file, line and column, the key and the fix
 * (a {@link RecipeException}, exit code 2), found before any run starts.
 *
 * <pre>
 * sweep: augmentation-ablation          # name (default: the file name)
 * base: ../simclr-cifar10.yaml           # recipe, relative to this file
 * seeds: [0, 1, 2]                       # one run per cell and seed
 * set: {schedule.epochs: 100}            # optional: applied to every run, like --set
 * grid:
 *   augment.preset: [abcde, abcd]        # a recipe key and its values
 *   method:                              # or labelled values, each setting several keys
 *     simclr: {method: {type: simclr, temperature: 0.5}, optimizer.lr: 0.06}
 * report: {metric: knn.top1, rows: augment.preset, columns: method}
 * </pre>
 */
public final class SweepFile {

    static final List<String> KEYS = List.of("sweep", "base", "seeds", "set", "grid", "report");
    static final List<String> REPORT_KEYS = List.of("metric", "rows", "columns", "percent");

    private final Path file;
    private final RecipeTree tree;

    private SweepFile(Path file, RecipeTree tree) {
        this.file = file;
        this.tree = tree;
    }

    /** Parses and checks {@code file}. */
    public static SweepSpec read(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new RecipeException("sweep file " + file + " does not exist; check the path");
        }
        return new SweepFile(file, RecipeTree.readFile(absolute)).spec();
    }

    private SweepSpec spec() {
        ObjectNode root = tree.root();
        root.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw error("unknown key '" + key + "' in sweep file at " + tree.keyLocation(key) + "; valid keys: "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        });
        String name = root.has("sweep") ? text("sweep") : file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw error("'sweep: " + name + "' at " + tree.valueLocation("sweep")
                    + " must be a plain name (letters, digits, '.', '_', '-'); it names the sweep's folder");
        }
        Path base = base();
        List<Long> seeds = seeds();
        List<Assignment> fixed = fixed();
        List<Axis> axes = grid();
        ReportSpec report = report(axes);
        return new SweepSpec(name, file, base, seeds, fixed, axes, report);
    }

    private RecipeException error(String message) {
        return new RecipeException(message);
    }

    private String text(String path) {
        JsonNode v = at(path);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw error("'" + path + "' at " + tree.valueLocation(path) + " must be a non-empty string");
        }
        return v.asText();
    }

    private JsonNode at(String path) {
        JsonNode node = tree.root();
        for (String part : path.split("\\.", 2)) {
            node = node == null ? null : node.get(part);
        }
        return node;
    }

    private Path base() {
        if (!tree.root().has("base")) {
            throw error("missing required key 'base' in sweep file " + tree.valueLocation("")
                    + "; add base: <recipe path, relative to the sweep file>");
        }
        String relative = text("base");
        Path base = file.toAbsolutePath().normalize().resolveSibling(relative).normalize();
        if (!Files.isRegularFile(base)) {
            throw error("'base: " + relative + "' at " + tree.valueLocation("base") + " names a missing file " + base
                    + "; fix the path (it is relative to the sweep file)");
        }
        return base;
    }

    private List<Long> seeds() {
        JsonNode node = tree.root().get("seeds");
        if (node == null || node.isNull()) {
            return List.of(0L);
        }
        if (!(node instanceof ArrayNode array) || array.isEmpty()) {
            throw error("'seeds' at " + tree.valueLocation("seeds") + " must be a non-empty list of integers, e.g. [0, 1, 2]");
        }
        Set<Long> seeds = new LinkedHashSet<>();
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isIntegralNumber()) {
                throw error("'seeds." + i + "' at " + tree.valueLocation("seeds." + i) + " must be an integer, got "
                        + array.get(i));
            }
            if (!seeds.add(array.get(i).asLong())) {
                throw error("seed " + array.get(i) + " at " + tree.valueLocation("seeds." + i)
                        + " is listed twice; list each seed once");
            }
        }
        return List.copyOf(seeds);
    }

    private List<Assignment> fixed() {
        JsonNode node = tree.root().get("set");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!(node instanceof ObjectNode map)) {
            throw error("'set' at " + tree.valueLocation("set") + " must be a map of recipe keys to values, e.g."
                    + " {schedule.epochs: 100}");
        }
        return assignments(map, "set");
    }

    /** A map of dotted recipe keys to values, in file order. */
    private List<Assignment> assignments(ObjectNode map, String path) {
        List<Assignment> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = map.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String keyPath = path + "." + field.getKey();
            if (field.getKey().equals("seed")) {
                throw error("'" + keyPath + "' at " + tree.keyLocation(keyPath)
                        + " sets the seed, which the sweep's 'seeds' list controls; remove it and list the seeds there");
            }
            out.add(new Assignment(field.getKey(), field.getValue(), tree.valueLocation(keyPath)));
        }
        return out;
    }

    private List<Axis> grid() {
        JsonNode node = tree.root().get("grid");
        if (!(node instanceof ObjectNode grid) || grid.isEmpty()) {
            throw error((node == null ? "missing required key 'grid' in sweep file " + tree.valueLocation("")
                    : "'grid' at " + tree.valueLocation("grid") + " must be a non-empty map")
                    + "; add grid: {recipe.key: [value, ...]} or grid: {axis: {label: {recipe.key: value}}}");
        }
        List<Axis> axes = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = grid.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String path = "grid." + name;
            if (name.equals("seed")) {
                throw error("'" + path + "' at " + tree.keyLocation(path) + " is not a grid axis; list seeds under 'seeds'");
            }
            List<AxisValue> values = new ArrayList<>();
            if (field.getValue() instanceof ArrayNode list && !list.isEmpty()) {
                for (int i = 0; i < list.size(); i++) {
                    JsonNode value = list.get(i);
                    if (!value.isValueNode() || value.isNull()) {
                        throw error("'" + path + "." + i + "' at " + tree.valueLocation(path + "." + i)
                                + " must be a number, string or boolean; to set several keys per value use labelled values:"
                                + " " + name + ": {label: {key: value}}");
                    }
                    values.add(new AxisValue(value.asText(),
                            List.of(new Assignment(name, value, tree.valueLocation(path + "." + i)))));
                }
            } else if (field.getValue() instanceof ObjectNode labelled && !labelled.isEmpty()) {
                Iterator<Map.Entry<String, JsonNode>> labels = labelled.fields();
                while (labels.hasNext()) {
                    Map.Entry<String, JsonNode> label = labels.next();
                    String labelPath = path + "." + label.getKey();
                    if (!(label.getValue() instanceof ObjectNode sets) || sets.isEmpty()) {
                        throw error("'" + labelPath + "' at " + tree.valueLocation(labelPath)
                                + " must be a non-empty map of recipe keys to values, e.g. {method: {type: moco}, optimizer.lr: 0.08}");
                    }
                    values.add(new AxisValue(label.getKey(), assignments(sets, labelPath)));
                }
            } else {
                throw error("'" + path + "' at " + tree.valueLocation(path) + " must be a non-empty list of values"
                        + " or a map of labelled values");
            }
            Set<String> seen = new LinkedHashSet<>();
            for (AxisValue v : values) {
                if (!seen.add(v.label())) {
                    throw error("grid axis '" + name + "' at " + tree.valueLocation(path) + " lists '" + v.label()
                            + "' twice; list each value once");
                }
            }
            axes.add(new Axis(name, values));
        }
        return axes;
    }

    private ReportSpec report(List<Axis> axes) {
        JsonNode node = tree.root().get("report");
        List<String> names = axes.stream().map(Axis::name).toList();
        if (!(node instanceof ObjectNode report)) {
            throw error((node == null ? "missing required key 'report' in sweep file " + tree.valueLocation("")
                    : "'report' at " + tree.valueLocation("report") + " must be a map")
                    + "; add report: {metric: knn.top1, rows: " + names.get(0)
                    + (names.size() > 1 ? ", columns: " + names.get(1) : "") + "}");
        }
        report.fieldNames().forEachRemaining(key -> {
            if (!REPORT_KEYS.contains(key)) {
                throw error("unknown key 'report." + key + "' at " + tree.keyLocation("report." + key)
                        + "; valid keys: " + String.join(", ", REPORT_KEYS.stream().sorted().toList()));
            }
        });
        if (!report.has("metric")) {
            throw error("missing required key 'report.metric' at " + tree.valueLocation("report")
                    + "; add metric: <evaluator metric, e.g. knn.top1>");
        }
        String metric = text("report.metric");
        if (!report.has("rows")) {
            throw error("missing required key 'report.rows' at " + tree.valueLocation("report")
                    + "; add rows: <grid axis>, one of: " + String.join(", ", names));
        }
        String rows = axisName("report.rows", names);
        String columns = report.has("columns") && !report.get("columns").isNull() ? axisName("report.columns", names) : null;
        if (rows.equals(columns)) {
            throw error("'report.columns' at " + tree.valueLocation("report.columns")
                    + " names the same axis as report.rows; pick another axis or leave columns out");
        }
        boolean percent = true;
        if (report.has("percent")) {
            if (!report.get("percent").isBoolean()) {
                throw error("'report.percent' at " + tree.valueLocation("report.percent") + " must be true or false");
            }
            percent = report.get("percent").asBoolean();
        }
        for (Axis axis : axes) {
            if (!axis.name().equals(rows) && !axis.name().equals(columns) && axis.values().size() > 1) {
                throw error("grid axis '" + axis.name() + "' at " + tree.valueLocation("grid." + axis.name())
                        + " has " + axis.values().size() + " values but is neither report.rows nor report.columns;"
                        + " report it, or keep one value (or move it to 'set')");
            }
        }
        return new ReportSpec(metric, rows, columns, percent);
    }

    private String axisName(String path, List<String> names) {
        String name = text(path);
        if (!names.contains(name)) {
            throw error("'" + path + ": " + name + "' at " + tree.valueLocation(path) + " is not a grid axis; axes: "
                    + String.join(", ", names));
        }
        return name;
    }
}
