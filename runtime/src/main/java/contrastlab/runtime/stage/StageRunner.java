package contrastlab.runtime.stage;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.stage.Stage;
import contrastlab.api.stage.StageContext;
import contrastlab.api.stage.StageOutputs;
import contrastlab.api.stage.StagePlugin;
import contrastlab.runtime.recipe.PluginChoice;
import contrastlab.runtime.recipe.Recipe;
import contrastlab.runtime.recipe.StageChoice;
import contrastlab.runtime.run.Checkpoint;
import contrastlab.runtime.run.RunDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Runs a multi-stage recipe's stages in order. Each stage has a folder {@code stages/<name>/} with
 * {@code section.json} (its resolved recipe section and the fingerprint of the stage before it) and,
 * once it has finished, {@code done.json} (its metrics), both written atomically. On a re-run a stage
 * whose {@code done.json} exists and whose section is unchanged ({@link SectionChange}: key order and
 * parameters added by a newer contrastlab at their defaults do not count) is skipped; a stage whose
 * section changed runs again, and so does every stage after a stage that ran. Its earlier outputs are
 * moved to {@code superseded/<stage>-<time>/}, never deleted. A stage that was
 * interrupted (section unchanged, no {@code done.json}) runs again on its folder, so a plugin that
 * checkpoints there resumes.
 *
 * <p>{@code pretrain} keeps its outputs at the run's top level (checkpoints, metrics, plots, summary);
 * its folder holds only the two markers. Re-running it moves those outputs too; resuming it continues from
 * {@code checkpoints/last.ckpt}. Stage metrics are added to {@code summary.json} as
 * {@code stageMetrics} ({@code autoencoder.val_mse}, {@code evaluate.knn.top1}, ...).
 */
public final class StageRunner {

    public static final String STAGES = "stages";
    public static final String SECTION = "section.json";
    public static final String DONE = "done.json";
    /** Where a re-run stage's earlier outputs are moved. */
    public static final String SUPERSEDED = "superseded";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What the stages need from the run. */
    public interface Host {
        /** The recipe's training split. */
        ImageDataset train() throws IOException;

        /** Any split of the recipe's dataset. */
        ImageDataset split(String name) throws IOException;

        /** A new manager on the run's first device (a stage's, closed when it ends). */
        NDManager newManager();

        int workers();

        /**
         * The runtime's training, writing {@code summary.json}; {@code resume}: continue from
         * {@code checkpoints/last.ckpt}. Its sampler reads the {@link FinishedStages} given to {@link #run}.
         */
        void pretrain(boolean resume) throws IOException;

        /** The evaluate stage: the evaluators with {@code everyEpochs: 0} on the final weights. */
        Map<String, Double> evaluate() throws IOException;

        /** A progress line. */
        void log(String line);
    }

    /**
     * @param ran the stages that ran (or resumed) in this call, in order
     * @param skipped the stages found finished
     * @param metrics every stage's metrics, prefixed with its name
     */
    public record Result(List<String> ran, List<String> skipped, Map<String, Double> metrics) {}

    private final Recipe recipe;
    private final RunDirectory run;

    public StageRunner(Recipe recipe, RunDirectory run) {
        if (!recipe.multiStage()) {
            throw new IllegalArgumentException("recipe '" + recipe.name() + "' has no stages list");
        }
        this.recipe = recipe;
        this.run = run;
    }

    /** The folder of stage {@code name} in run directory {@code run}. */
    public static Path directory(RunDirectory run, String name) {
        return run.path().resolve(STAGES).resolve(name);
    }

    /**
     * Runs or skips every stage in order; {@code finished} receives each stage's folder as it finishes
     * (the sampler of pretrain reads it).
     */
    public Result run(Host host, FinishedStages finished) throws IOException {
        List<String> ran = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        String previous = "";
        boolean rerunRest = false;
        List<StageChoice> stages = recipe.stages();
        for (int index = 0; index < stages.size(); index++) {
            StageChoice stage = stages.get(index);
            Path dir = directory(run, stage.name());
            JsonNode section = normalise(section(stage, previous));
            Path sectionFile = dir.resolve(SECTION);
            JsonNode recorded = Files.exists(sectionFile) ? JSON.readTree(sectionFile.toFile()) : null;
            SectionChange change = SectionChange.between(recorded, section, givenByUser(index));
            boolean unchanged = change.none();
            // an unchanged stage keeps its recorded section, so the stages after it see the fingerprint they ran after
            previous = fingerprint(unchanged ? recorded : section);
            Map<String, Double> stageMetrics;
            if (unchanged && !rerunRest && Files.exists(dir.resolve(DONE))) {
                stageMetrics = readDone(dir.resolve(DONE));
                skipped.add(stage.name());
                host.log("stage " + stage.name() + ": finished earlier, skipped (" + run.path().relativize(dir) + ")");
            } else {
                boolean resumable = unchanged && !rerunRest;
                if (!resumable && (recorded != null || hasContent(dir) || stage.kind() == StageChoice.Kind.PRETRAIN)) {
                    Path kept = supersede(stage, dir);
                    if (recorded != null) {
                        host.log("stage " + stage.name() + ": " + (unchanged ? "a stage before it ran again"
                                : "changed since it ran (" + change.summary() + ")") + ", so it runs again"
                                + (kept == null ? "" : "; its earlier outputs are in " + run.path().relativize(kept)));
                    }
                }
                Files.createDirectories(dir);
                if (!unchanged) {
                    RunDirectory.writeAtomically(sectionFile, JSON.writeValueAsString(section));
                }
                host.log("stage " + stage.name() + (resumable && hasContentBesidesSection(dir) ? ": resuming" : ": running"));
                long started = System.nanoTime();
                stageMetrics = runStage(stage, dir, host, finished);
                ObjectNode done = JSON.createObjectNode();
                done.set("metrics", JSON.valueToTree(stageMetrics));
                done.put("seconds", (System.nanoTime() - started) / 1e9);
                RunDirectory.writeAtomically(dir.resolve(DONE), JSON.writeValueAsString(done));
                ran.add(stage.name());
                rerunRest = true;
            }
            stageMetrics.forEach((k, v) -> metrics.put(stage.name() + "." + k, v));
            finished.add(stage.name(), stage.kind() == StageChoice.Kind.PRETRAIN ? run.path() : dir);
        }
        addToSummary(run.summary(), metrics);
        return new Result(List.copyOf(ran), List.copyOf(skipped), metrics);
    }

    /** Whether the user's recipe sets the key at a pointer into stage {@code index}'s section. */
    private Predicate<String> givenByUser(int index) {
        return pointer -> {
            String inRecipe = recipePointer(pointer, index);
            return inRecipe != null && !recipe.given().at(inRecipe).isMissingNode();
        };
    }

    /** A section pointer as a pointer into the recipe (see {@link #section}); null for the fingerprint. */
    static String recipePointer(String sectionPointer, int stageIndex) {
        if (sectionPointer.startsWith("/recipe/")) {
            return sectionPointer.substring("/recipe".length());
        }
        if (sectionPointer.startsWith("/stage/")) {
            return "/stages/" + stageIndex + sectionPointer.substring("/stage".length());
        }
        return sectionPointer.startsWith("/after") ? null : sectionPointer;
    }

    private Map<String, Double> runStage(StageChoice stage, Path dir, Host host, FinishedStages finished)
            throws IOException {
        switch (stage.kind()) {
            case PRETRAIN -> {
                host.pretrain(Files.exists(run.checkpoints().resolve(Checkpoint.LAST)));
                return Map.of();
            }
            case EVALUATE -> {
                return new LinkedHashMap<>(host.evaluate());
            }
            default -> {
                PluginChoice<?> choice = stage.plugin().orElseThrow();
                try (NDManager manager = host.newManager()) {
                    StageContext context = context(stage, dir, host, manager, finished.snapshot());
                    Stage created = create((StagePlugin<?>) choice.plugin(), choice.parameters(), context);
                    return new LinkedHashMap<>(created.run());
                }
            }
        }
    }

    private static <P> Stage create(StagePlugin<P> plugin, Object parameters, StageContext context) {
        return plugin.create(plugin.parametersType().cast(parameters), context);
    }

    private StageContext context(StageChoice stage, Path dir, Host host, NDManager manager, StageOutputs earlier) {
        return new StageContext() {
            @Override
            public ImageDataset train() {
                try {
                    return host.train();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e.getMessage(), e);
                }
            }

            @Override
            public ImageDataset split(String name) throws IOException {
                return host.split(name);
            }

            @Override
            public NDManager manager() {
                return manager;
            }

            @Override
            public long seed() {
                return recipe.seed();
            }

            @Override
            public int batchSize() {
                return recipe.batchSize();
            }

            @Override
            public int workers() {
                return host.workers();
            }

            @Override
            public Path directory() {
                return dir;
            }

            @Override
            public StageOutputs outputs() {
                return earlier;
            }

            @Override
            public void log(String line) {
                host.log("stage " + stage.name() + ": " + line);
            }
        };
    }

    /**
     * What a stage's result depends on. A plugin stage: its entry and the recipe values its context
     * hands it (dataset, seed, batchSize). Pretrain: the whole recipe but the stages list and the data
     * loading threads. Evaluate: the evaluators and their transform. Each also names the fingerprint of
     * the stage before it, so a change anywhere reaches every later stage.
     */
    private ObjectNode section(StageChoice stage, String previous) {
        ObjectNode resolved = recipe.resolved();
        ObjectNode section = JSON.createObjectNode();
        section.set("stage", stage.resolved().deepCopy());
        switch (stage.kind()) {
            case PRETRAIN -> {
                ObjectNode training = resolved.deepCopy();
                training.remove("stages");
                if (training.get("data") instanceof ObjectNode data) {
                    // threads and queue depth do not change what is computed
                    data.remove("workers");
                    data.remove("prefetch");
                }
                section.set("recipe", training);
            }
            case EVALUATE -> {
                section.set("evaluate", resolved.get("evaluate").deepCopy());
                section.set("evalAugment", resolved.get("evalAugment").deepCopy());
            }
            default -> {
                section.set("dataset", resolved.get("dataset").deepCopy());
                section.set("seed", resolved.get("seed").deepCopy());
                section.set("batchSize", resolved.get("batchSize").deepCopy());
            }
        }
        section.put("after", previous);
        return section;
    }

    /** The tree as it reads back from its JSON (so that an int and a long of one value compare equal). */
    private static JsonNode normalise(JsonNode node) throws IOException {
        return JSON.readTree(JSON.writeValueAsString(node));
    }

    static String fingerprint(JsonNode section) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(section.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Moves a stage's earlier outputs (for pretrain also the run's checkpoints, plots, metrics and summary)
     * to {@code superseded/<stage>-<time>/}, so a re-run never destroys a finished result.
     *
     * @return the folder they went to, or null when there was nothing to keep
     */
    private Path supersede(StageChoice stage, Path dir) throws IOException {
        List<Path> outputs = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> !p.getFileName().toString().equals(SECTION)).forEach(outputs::add);
            }
        }
        if (stage.kind() == StageChoice.Kind.PRETRAIN) {
            for (Path folder : List.of(run.checkpoints(), run.plots())) {
                if (hasContent(folder)) {
                    outputs.add(folder);
                }
            }
            for (Path file : List.of(run.metrics(), run.summary())) {
                if (Files.exists(file)) {
                    outputs.add(file);
                }
            }
        }
        if (outputs.isEmpty()) {
            return null;
        }
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path target = run.path().resolve(SUPERSEDED).resolve(stage.name() + "-" + time);
        for (int attempt = 2; Files.exists(target); attempt++) {
            target = run.path().resolve(SUPERSEDED).resolve(stage.name() + "-" + time + "-" + attempt);
        }
        Files.createDirectories(target);
        for (Path output : outputs) {
            Files.move(output, target.resolve(output.getFileName()));
        }
        // the run's layout keeps its folders
        Files.createDirectories(run.checkpoints());
        Files.createDirectories(run.plots());
        return target;
    }

    private static boolean hasContent(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isPresent();
        }
    }

    private static boolean hasContentBesidesSection(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> !p.getFileName().toString().equals(SECTION));
        }
    }

    private static Map<String, Double> readDone(Path file) throws IOException {
        JsonNode done = JSON.readTree(file.toFile());
        return JSON.convertValue(done.path("metrics"), new TypeReference<LinkedHashMap<String, Double>>() {});
    }

    /** Adds {@code stageMetrics} to {@code summary.json} (written by pretrain). */
    private static void addToSummary(Path summary, Map<String, Double> metrics) throws IOException {
        if (!Files.exists(summary)) {
            return;
        }
        ObjectNode node = (ObjectNode) JSON.readTree(summary.toFile());
        node.set("stageMetrics", JSON.valueToTree(metrics));
        RunDirectory.writeAtomically(summary, JSON.writeValueAsString(node));
    }
}
