package contrastlab.runtime.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contrastlab.api.augment.CompositeAugmentationPlugin;
import contrastlab.api.plugin.Plugin;
import contrastlab.api.plugin.PluginKind;
import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.recipe.preset.PresetRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a recipe file (following {@code extends:}), applies {@code --set} overrides and validates
 * every section against the discovered plugins before anything runs.
 */
public final class RecipeLoader {

    /** Top-level keys, in the order the resolved recipe lists them. */
    static final List<String> KEYS = List.of("name", "extends", "seed", "dataset", "views", "augment", "evalAugment",
            "backbone", "method", "pretext", "sampler", "optimizer", "schedule", "batchSize", "evaluate", "devices",
            "data", "stepsPerEpoch", "primaryMetric", "stages");

    /** A stage's name is its folder under {@code stages/}. */
    private static final java.util.regex.Pattern STAGE_NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private final PluginRegistry registry;
    private final PresetRegistry presets;

    public RecipeLoader(PluginRegistry registry) {
        this.registry = registry;
        this.presets = PresetRegistry.discover(registry.classLoader());
    }

    /** Loads, merges, overrides and binds. */
    public Recipe load(Path file, List<String> overrides) {
        RecipeTree tree = readWithExtends(file.toAbsolutePath().normalize(), new HashSet<>());
        for (String assignment : overrides) {
            applyOverride(tree, assignment);
        }
        String defaultName = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return bind(tree, defaultName);
    }

    /**
     * Loads and merges {@code file}, then applies {@code assignments} in order (like {@code --set}, but
     * with parsed values and their own source locations, e.g. a sweep file's grid), then binds.
     */
    public Recipe load(Path file, List<String> overrides, List<Assignment> assignments) {
        RecipeTree tree = readWithExtends(file.toAbsolutePath().normalize(), new HashSet<>());
        for (Assignment a : assignments) {
            tree.set(a.key(), a.value().deepCopy(), a.location());
        }
        for (String assignment : overrides) {
            applyOverride(tree, assignment);
        }
        String defaultName = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return bind(tree, defaultName);
    }

    /** Binds an already merged tree (e.g. a run directory's resolved recipe). */
    public Recipe load(String yamlText, String source, List<String> overrides) {
        RecipeTree tree = YamlReader.readText(yamlText, source);
        for (String assignment : overrides) {
            applyOverride(tree, assignment);
        }
        return bind(tree, "recipe");
    }

    private static RecipeTree readWithExtends(Path file, Set<Path> seen) {
        if (!seen.add(file)) {
            throw new RecipeException("recipe " + file + " extends itself through a cycle; remove one 'extends:'");
        }
        RecipeTree tree = YamlReader.readFile(file);
        JsonNode parent = tree.root().remove("extends");
        if (parent == null || parent.isNull()) {
            return tree;
        }
        if (!parent.isTextual()) {
            throw new RecipeException("'extends' at " + tree.valueLocation("extends")
                    + " must be a path to another recipe, relative to this file");
        }
        Path parentFile = file.resolveSibling(parent.asText()).normalize();
        RecipeTree base;
        try {
            base = readWithExtends(parentFile, seen);
        } catch (RecipeException e) {
            if (e.getMessage().startsWith("recipe " + parentFile + " does not exist")) {
                throw new RecipeException("'extends: " + parent.asText() + "' at " + tree.valueLocation("extends")
                        + " names a missing file " + parentFile + "; fix the path (it is relative to the recipe)");
            }
            throw e;
        }
        return RecipeTree.merge(base, tree);
    }

    private static void applyOverride(RecipeTree tree, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new RecipeException("--set " + assignment + ": expected key=value, e.g. --set method.temperature=0.2");
        }
        String key = assignment.substring(0, eq).trim();
        String text = assignment.substring(eq + 1);
        JsonNode value = YamlReader.readValue(text, "--set " + assignment);
        tree.set(key, value, Location.override(assignment));
    }

    private Recipe bind(RecipeTree tree, String defaultName) {
        ObjectNode root = tree.root();
        ObjectNode given = root.deepCopy();
        root.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new RecipeException("unknown key '" + key + "' at " + tree.keyLocation(key) + "; valid keys: "
                        + String.join(", ", KEYS.stream().filter(k -> !k.equals("extends")).sorted().toList()));
            }
        });
        ObjectNode resolved = ParameterBinder.MAPPER.createObjectNode();

        String name = text(tree, "name", defaultName);
        resolved.put("name", name);
        long seed = integer(tree, "seed", 0L);
        resolved.put("seed", seed);

        ObjectNode datasetCommon = ParameterBinder.MAPPER.createObjectNode();
        PluginChoice<?> datasetChoice = plugin(tree, "dataset", PluginKind.DATASET, null, Set.of("split"), datasetCommon, resolved);
        String split = datasetCommon.has("split") ? commonText(tree, "dataset.split", datasetCommon.get("split")) : "train";
        ((ObjectNode) resolved.get("dataset")).put("split", split);
        DatasetChoice dataset = new DatasetChoice(datasetChoice, split);

        int views = (int) integer(tree, "views", 2L);
        if (views < 1) {
            throw new RecipeException("'views' at " + tree.valueLocation("views") + " must be at least 1");
        }
        resolved.put("views", views);
        List<List<PluginChoice<?>>> viewAugment = viewAugment(tree, views, resolved);
        List<PluginChoice<?>> augment = viewAugment.get(0);
        List<PluginChoice<?>> evalAugment = pluginList(tree, "evalAugment", PluginKind.AUGMENTATION, Set.of(), resolved,
                (c) -> c.choice);
        PluginChoice<?> backbone = plugin(tree, "backbone", PluginKind.BACKBONE, null, Set.of(), null, resolved);
        PluginChoice<?> method = plugin(tree, "method", PluginKind.METHOD, null, Set.of(), null, resolved);
        List<PretextChoice> pretext = pluginList(tree, "pretext", PluginKind.PRETEXT, Set.of("weight", "warmupEpochs"),
                resolved, c -> {
                    // ScatSimCLR's paper (section 5): lambda 0.3, and 0 for the first 40 epochs
                    double weight = c.number("weight", PretextChoice.DEFAULT_WEIGHT);
                    int warmup = (int) c.integer("warmupEpochs", PretextChoice.DEFAULT_WARMUP_EPOCHS);
                    if (weight < 0 || warmup < 0) {
                        throw new RecipeException("'" + c.path + ".weight' and '" + c.path + ".warmupEpochs' at "
                                + tree.valueLocation(c.path) + " must not be negative");
                    }
                    c.common.put("weight", weight).put("warmupEpochs", warmup);
                    return new PretextChoice(c.choice, weight, warmup);
                });
        PluginChoice<?> sampler = plugin(tree, "sampler", PluginKind.SAMPLER, "random", Set.of(), null, resolved);

        OptimizerSettings optimizer = section(tree, "optimizer", OptimizerSettings.class, OptimizerSettings.defaults(), resolved);
        ScheduleSettings schedule = section(tree, "schedule", ScheduleSettings.class, ScheduleSettings.defaults(), resolved);
        long batchSize = integer(tree, "batchSize", -1L);
        if (batchSize < 1) {
            throw new RecipeException(batchSize == -1
                    ? "missing required key 'batchSize' in " + tree.valueLocation("") + "; add batchSize: <images per step>"
                    : "'batchSize' at " + tree.valueLocation("batchSize") + " must be at least 1");
        }
        resolved.put("batchSize", batchSize);
        Set<String> evaluatorNames = new HashSet<>();
        List<EvaluatorChoice> evaluate = pluginList(tree, "evaluate", PluginKind.EVALUATOR,
                Set.of("everyEpochs", "name"), resolved, c -> {
                    long every = c.integer("everyEpochs", 1);
                    if (every < 0) {
                        throw new RecipeException("'" + c.path + ".everyEpochs' at "
                                + tree.valueLocation(c.path + ".everyEpochs")
                                + " must be 0 (after the last epoch only) or a positive number of epochs");
                    }
                    String evaluatorName = c.text("name", c.choice.plugin().name());
                    if (!evaluatorName.matches("[A-Za-z0-9_-]+")) {
                        throw new RecipeException("'" + c.path + ".name: " + evaluatorName + "' at "
                                + tree.valueLocation(c.path + ".name")
                                + " must be letters, digits, '_' or '-' (it prefixes the metrics, e.g. linear_p1.top1)");
                    }
                    if (!evaluatorNames.add(evaluatorName)) {
                        throw new RecipeException("two evaluators are named '" + evaluatorName + "' (" + c.path + " at "
                                + tree.valueLocation(c.path) + "); give each a distinct name: key");
                    }
                    c.common.put("name", evaluatorName);
                    return new EvaluatorChoice(c.choice, (int) every, evaluatorName);
                });
        String devices = text(tree, "devices", "auto");
        if (!devices.matches("auto|cpu|gpu|gpu:\\d+(,\\d+)*")) {
            throw new RecipeException("'devices: " + devices + "' at " + tree.valueLocation("devices")
                    + " is not valid; use auto, cpu, gpu or gpu:0,1");
        }
        resolved.put("devices", devices);
        DataSettings data = section(tree, "data", DataSettings.class, DataSettings.defaults(), resolved);
        int stepsPerEpoch = (int) integer(tree, "stepsPerEpoch", 0L);
        resolved.put("stepsPerEpoch", stepsPerEpoch);
        String defaultMetric = evaluate.isEmpty() ? "" : evaluate.get(0).name() + ".top1";
        String primaryMetric = text(tree, "primaryMetric", defaultMetric);
        resolved.put("primaryMetric", primaryMetric);
        List<StageChoice> stages = stages(tree, evaluate, resolved);
        return new Recipe(name, seed, dataset, views, augment, viewAugment, evalAugment, backbone, method, pretext, sampler,
                optimizer, schedule, (int) batchSize, evaluate, devices, data, stepsPerEpoch, primaryMetric, stages, resolved,
                given);
    }

    /**
     * {@code stages:} — bare names or {type, name?, ...parameters}; {@code pretrain} exactly once,
     * {@code evaluate} at most once and after it, every other type a stage plugin. Absent: an empty list
     * (the recipe trains as a single stage) and nothing in the resolved recipe.
     */
    private List<StageChoice> stages(RecipeTree tree, List<EvaluatorChoice> evaluate, ObjectNode resolved) {
        JsonNode node = tree.root().get("stages");
        if (node == null || node.isNull()) {
            return List.of();
        }
        Set<String> known = new java.util.TreeSet<>(registry.plugins(PluginKind.STAGE).keySet());
        known.add(StageChoice.Kind.PRETRAIN.type());
        known.add(StageChoice.Kind.EVALUATE.type());
        if (!(node instanceof ArrayNode array) || array.isEmpty()) {
            throw new RecipeException("'stages' at " + tree.valueLocation("stages") + " must be a list of stage types"
                    + " or {type: ..., name: ...} maps that includes pretrain, e.g. [autoencoder, pseudo-labels,"
                    + " pretrain, evaluate]; known types: " + String.join(", ", known));
        }
        List<StageChoice> stages = new ArrayList<>();
        ArrayNode resolvedStages = ParameterBinder.MAPPER.createArrayNode();
        Set<String> names = new HashSet<>();
        int pretrainAt = -1;
        for (int i = 0; i < array.size(); i++) {
            String path = "stages." + i;
            String label = "stages[" + i + "]";
            JsonNode entry = array.get(i);
            if (entry.isTextual()) {
                entry = ParameterBinder.MAPPER.createObjectNode().put("type", entry.asText());
            }
            if (!(entry instanceof ObjectNode section) || !section.path("type").isTextual()) {
                throw new RecipeException(label + " at " + tree.valueLocation(path) + " must be a stage type or a map with"
                        + " a 'type' key; known types: " + String.join(", ", known));
            }
            String type = section.get("type").asText();
            ObjectNode params = section.deepCopy();
            params.remove("type");
            JsonNode nameNode = params.remove("name");
            if (nameNode != null && !nameNode.isTextual()) {
                throw new RecipeException(label + ".name at " + tree.valueLocation(path + ".name")
                        + " must be a string (the stage's folder under stages/)");
            }
            String stageName = nameNode == null ? type : nameNode.asText();
            if (!STAGE_NAME.matcher(stageName).matches()) {
                throw new RecipeException(label + " at " + tree.valueLocation(path) + ": stage name '" + stageName
                        + "' is not a folder name; use lower-case letters, digits, '-' and '_'");
            }
            if (!names.add(stageName)) {
                throw new RecipeException(label + " at " + tree.valueLocation(path) + ": a second stage named '"
                        + stageName + "'; give it another name: {type: " + type + ", name: " + stageName + "-2}");
            }
            ObjectNode resolvedEntry = ParameterBinder.MAPPER.createObjectNode().put("type", type).put("name", stageName);
            StageChoice.Kind kind;
            Optional<PluginChoice<?>> plugin = Optional.empty();
            if (type.equals(StageChoice.Kind.PRETRAIN.type()) || type.equals(StageChoice.Kind.EVALUATE.type())) {
                kind = type.equals(StageChoice.Kind.PRETRAIN.type()) ? StageChoice.Kind.PRETRAIN : StageChoice.Kind.EVALUATE;
                if (!params.isEmpty()) {
                    String key = params.fieldNames().next();
                    throw new RecipeException("unknown key '" + key + "' in " + label + " at "
                            + tree.keyLocation(path + "." + key) + ": the built-in stage '" + type + "' takes only name;"
                            + (kind == StageChoice.Kind.PRETRAIN ? " its settings are the recipe's top-level sections"
                                    : " it runs the recipe's evaluate section"));
                }
                if (kind == StageChoice.Kind.PRETRAIN) {
                    if (pretrainAt >= 0) {
                        throw new RecipeException(label + " at " + tree.valueLocation(path) + ": pretrain is already"
                                + " stages[" + pretrainAt + "]; a recipe trains once, remove one");
                    }
                    pretrainAt = i;
                } else {
                    if (stages.stream().anyMatch(st -> st.kind() == StageChoice.Kind.EVALUATE)) {
                        throw new RecipeException(label + " at " + tree.valueLocation(path) + ": evaluate is already in"
                                + " the list; the evaluators run once after training, remove one");
                    }
                    if (pretrainAt < 0) {
                        throw new RecipeException(label + " at " + tree.valueLocation(path) + ": evaluate runs on the"
                                + " trained weights; move it after pretrain");
                    }
                    if (evaluate.stream().noneMatch(e -> e.everyEpochs() == 0)) {
                        throw new RecipeException(label + " at " + tree.valueLocation(path) + ": the evaluate stage runs"
                                + " the evaluators with everyEpochs: 0 and the recipe has none; set everyEpochs: 0 on the"
                                + " evaluate entries to run after training, or remove this stage");
                    }
                }
            } else {
                kind = StageChoice.Kind.PLUGIN;
                Plugin<?> found = registry.find(PluginKind.STAGE, type).orElseThrow(() -> new RecipeException(
                        "unknown stage type '" + type + "' in " + label + " at " + tree.valueLocation(path + ".type")
                                + "; known: " + String.join(", ", known)));
                PluginChoice<?> choice = choose(PluginKind.STAGE, path, found, params, tree);
                resolvedEntry.setAll((ObjectNode) ParameterBinder.MAPPER.valueToTree(choice.parameters()));
                plugin = Optional.of(choice);
            }
            stages.add(new StageChoice(stageName, kind, plugin, resolvedEntry));
            resolvedStages.add(resolvedEntry);
        }
        if (pretrainAt < 0) {
            throw new RecipeException("'stages' at " + tree.valueLocation("stages") + " has no pretrain; add pretrain"
                    + " where the recipe's training runs, e.g. [" + String.join(", ",
                            stages.stream().map(StageChoice::name).toList()) + ", pretrain]");
        }
        resolved.set("stages", resolvedStages);
        return List.copyOf(stages);
    }

    private static <T> T section(RecipeTree tree, String key, Class<T> type, T defaults, ObjectNode resolved) {
        JsonNode node = tree.root().get(key);
        ObjectNode given;
        if (node == null || node.isNull()) {
            given = ParameterBinder.MAPPER.createObjectNode();
        } else if (node instanceof ObjectNode object) {
            given = object;
        } else {
            throw new RecipeException("'" + key + "' at " + tree.valueLocation(key) + " must be a map of settings");
        }
        T bound = ParameterBinder.bind(type, defaults, given, key, key, tree);
        resolved.set(key, ParameterBinder.MAPPER.valueToTree(bound));
        return bound;
    }

    /** A list section's item with its common (runtime-handled) keys split off. */
    private record Item(PluginChoice<?> choice, ObjectNode common, String path, RecipeTree tree) {
        double number(String key, double fallback) {
            JsonNode v = common.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isNumber()) {
                throw new RecipeException("'" + path + "." + key + "' at " + tree.valueLocation(path + "." + key)
                        + " must be a number");
            }
            return v.asDouble();
        }

        String text(String key, String fallback) {
            JsonNode v = common.get(key);
            if (v == null || v.isNull()) {
                return fallback;
            }
            return commonText(tree, path + "." + key, v);
        }

        long integer(String key, long fallback) {
            JsonNode v = common.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isIntegralNumber()) {
                throw new RecipeException("'" + path + "." + key + "' at " + tree.valueLocation(path + "." + key)
                        + " must be an integer");
            }
            return v.asLong();
        }
    }

    /** {@code augment} as one step list per view: presets expanded, one shared list or one per view. */
    private List<List<PluginChoice<?>>> viewAugment(RecipeTree tree, int views, ObjectNode resolved) {
        AugmentSection.Expanded expanded = AugmentSection.expand(tree, "augment", presets, views);
        List<List<PluginChoice<?>>> pipelines = new ArrayList<>();
        ArrayNode resolvedViews = ParameterBinder.MAPPER.createArrayNode();
        for (AugmentSection.Pipeline p : expanded.pipelines()) {
            pipelines.add(pluginList(tree, p.path(), p.steps(), PluginKind.AUGMENTATION, Set.of(),
                    resolvedViews.addArray(), c -> c.choice));
        }
        if (expanded.perView()) {
            resolved.putObject("augment").set("views", resolvedViews);
            return List.copyOf(pipelines);
        }
        resolved.set("augment", resolvedViews.get(0));
        return java.util.Collections.nCopies(views, pipelines.get(0));
    }

    private <T> List<T> pluginList(RecipeTree tree, String key, PluginKind kind, Set<String> commonKeys,
            ObjectNode resolved, Function<Item, T> make) {
        return pluginList(tree, key, tree.root().get(key), kind, commonKeys, resolved.putArray(key), make);
    }

    private <T> List<T> pluginList(RecipeTree tree, String key, JsonNode node, PluginKind kind,
            Set<String> commonKeys, ArrayNode resolvedList, Function<Item, T> make) {
        List<T> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!(node instanceof ArrayNode array)) {
            throw new RecipeException("'" + key + "' at " + tree.valueLocation(key) + " must be a list of {type: ...} "
                    + kind.label() + " steps");
        }
        for (int i = 0; i < array.size(); i++) {
            String path = key + "." + i;
            ObjectNode common = ParameterBinder.MAPPER.createObjectNode();
            ObjectNode holder = ParameterBinder.MAPPER.createObjectNode();
            PluginChoice<?> choice = bindPlugin(tree, path, array.get(i), kind, null, commonKeys, common, holder);
            ObjectNode item = (ObjectNode) holder.get("value");
            out.add(make.apply(new Item(choice, common, path, tree)));
            item.setAll(common); // after make, which may fill in the defaults of the common keys
            resolvedList.add(item);
        }
        return out;
    }

    private PluginChoice<?> plugin(RecipeTree tree, String key, PluginKind kind, String defaultType,
            Set<String> commonKeys, ObjectNode common, ObjectNode resolved) {
        ObjectNode holder = ParameterBinder.MAPPER.createObjectNode();
        PluginChoice<?> choice = bindPlugin(tree, key, tree.root().get(key), kind, defaultType, commonKeys,
                common == null ? ParameterBinder.MAPPER.createObjectNode() : common, holder);
        resolved.set(key, holder.get("value"));
        return choice;
    }

    private PluginChoice<?> bindPlugin(RecipeTree tree, String path, JsonNode node, PluginKind kind,
            String defaultType, Set<String> commonKeys, ObjectNode common, ObjectNode resolvedHolder) {
        Set<String> known = new LinkedHashSet<>(registry.plugins(kind).keySet());
        if (node == null || node.isNull()) {
            if (defaultType == null) {
                throw new RecipeException("missing required key '" + path + "' in " + tree.valueLocation("")
                        + "; add " + path + ": {type: ...} with one of: " + String.join(", ", known));
            }
            node = ParameterBinder.MAPPER.createObjectNode().put("type", defaultType);
        }
        if (node.isTextual()) {
            // shorthand: `sampler: random`
            node = ParameterBinder.MAPPER.createObjectNode().put("type", node.asText());
        }
        if (!(node instanceof ObjectNode section)) {
            throw new RecipeException("'" + path + "' at " + tree.valueLocation(path) + " must be a map with a 'type' key; known "
                    + kind.label() + " types: " + String.join(", ", known));
        }
        JsonNode typeNode = section.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new RecipeException("missing 'type' for " + kind.label() + " '" + path + "' at " + tree.valueLocation(path)
                    + "; known: " + String.join(", ", known));
        }
        String type = typeNode.asText();
        Plugin<?> plugin = registry.find(kind, type).orElseThrow(() -> new RecipeException("unknown " + kind.label()
                + " '" + type + "' at " + tree.valueLocation(path + ".type") + "; known: " + String.join(", ", known)));
        ObjectNode params = section.deepCopy();
        params.remove("type");
        for (String c : commonKeys) {
            JsonNode v = params.remove(c);
            if (v != null) {
                common.set(c, v);
            }
        }
        // A composite (random-apply) holds a list of inner steps, loaded here like any step list.
        JsonNode innerSteps = null;
        String stepsKey = null;
        if (plugin instanceof CompositeAugmentationPlugin<?> composite) {
            stepsKey = composite.stepsKey();
            innerSteps = params.remove(stepsKey);
            if (innerSteps == null || innerSteps.isNull()) {
                throw new RecipeException("missing key '" + path + "." + stepsKey + "' at " + tree.valueLocation(path)
                        + "; " + type + " needs the steps it wraps: " + stepsKey + ": [{type: ...}, ...]");
            }
        }
        PluginChoice<?> choice = choose(kind, path, plugin, params, tree);
        ObjectNode resolved = ParameterBinder.MAPPER.createObjectNode().put("type", type);
        resolved.setAll((ObjectNode) ParameterBinder.MAPPER.valueToTree(choice.parameters()));
        if (innerSteps != null) {
            List<PluginChoice<?>> inner = pluginList(tree, path + "." + stepsKey, innerSteps, kind, Set.of(),
                    resolved.putArray(stepsKey), item -> item.choice);
            choice = withSteps(choice, inner);
        }
        resolvedHolder.set("value", resolved);
        return choice;
    }

    private static <P> PluginChoice<P> withSteps(PluginChoice<P> choice, List<PluginChoice<?>> steps) {
        return new PluginChoice<>(choice.kind(), choice.path(), choice.plugin(), choice.parameters(), steps);
    }

    private static <P> PluginChoice<P> choose(PluginKind kind, String path, Plugin<P> plugin, ObjectNode params,
            RecipeTree tree) {
        P bound = ParameterBinder.bind(plugin.parametersType(), plugin.defaults(), params,
                kind.label() + " '" + plugin.name() + "'", path, tree);
        return new PluginChoice<>(kind, path, plugin, bound);
    }

    private static String text(RecipeTree tree, String key, String fallback) {
        JsonNode v = tree.root().get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        return commonText(tree, key, v);
    }

    private static String commonText(RecipeTree tree, String path, JsonNode v) {
        if (!v.isTextual()) {
            throw new RecipeException("'" + path + "' at " + tree.valueLocation(path) + " must be a string");
        }
        return v.asText();
    }

    private static long integer(RecipeTree tree, String key, long fallback) {
        JsonNode v = tree.root().get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber()) {
            throw new RecipeException("'" + key + "' at " + tree.valueLocation(key) + " must be an integer, got "
                    + v.toString());
        }
        return v.asLong();
    }
}
