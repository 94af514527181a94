package contrastlab.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.recipe.StageChoice;
import contrastlab.runtime.stage.FinishedStages;
import contrastlab.runtime.stage.StageRunner;
import java.util.LinkedHashMap;
import java.util.Map;
import contrastlab.runtime.recipe.Recipe;
import contrastlab.runtime.run.RunDirectory;
import contrastlab.runtime.run.Summary;
import contrastlab.runtime.train.TrainingSession;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** {@code contrastlab train RECIPE [--set k=v]... [--out DIR] [--resume] [--runs DIR]}. */
final class TrainCommand extends Command {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    TrainCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    int run(String[] args) throws ParseException, IOException {
        Options options = commonOptions();
        options.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("the run directory").build());
        options.addOption(Option.builder().longOpt("runs").hasArg().argName("DIR")
                .desc("where new run directories go (default runs)").build());
        options.addOption(Option.builder().longOpt("resume").desc("continue the run in --out, or the newest run of the recipe").build());
        options.addOption(Option.builder().longOpt("no-progress").desc("no progress bar, only a line per epoch").build());
        CommandLine line = parse(options, args);
        String file = positional(line, "RECIPE", "train");
        PluginRegistry registry = registry(line);
        Recipe recipe = loadRecipe(registry, file, overrides(line));
        Path runs = Path.of(line.getOptionValue("runs", "runs"));
        RunDirectory runDirectory;
        boolean resume = line.hasOption("resume");
        if (resume) {
            runDirectory = line.hasOption("out") ? RunDirectory.at(Path.of(line.getOptionValue("out")))
                    : RunDirectory.latest(runs, recipe.name()).orElseThrow(() -> new UsageException(
                            "--resume found no run of '" + recipe.name() + "' with a checkpoint under " + runs
                                    + "; pass --out RUN_DIR or start without --resume"));
        } else {
            if (line.hasOption("out") && Files.exists(Path.of(line.getOptionValue("out")).resolve("checkpoints/last.ckpt"))) {
                throw new UsageException("--out " + line.getOptionValue("out") + " already holds a trained run; add --resume"
                        + " to continue it or choose another directory");
            }
            runDirectory = line.hasOption("out") ? RunDirectory.at(Path.of(line.getOptionValue("out")))
                    : RunDirectory.createUnder(runs, recipe.name());
        }
        // a multi-stage run re-runs whatever the recipe changed, so its recipe.yaml is always the current one
        if (!resume || !Files.exists(runDirectory.recipe()) || recipe.multiStage()) {
            RunDirectory.writeAtomically(runDirectory.recipe(), YAML.writeValueAsString(recipe.resolved()));
        }
        err.println("contrastlab: run directory " + runDirectory.path());
        TerminalProgress progress = new TerminalProgress(err, !line.hasOption("no-progress"));
        if (recipe.multiStage()) {
            return trainStages(registry, recipe, runDirectory, progress);
        }
        try (TrainingSession session = Session.create(registry, recipe, runDirectory, err)) {
            session.open();
            if (resume) {
                session.resume();
            }
            Summary summary = session.train(progress);
            out.println(runDirectory.path() + "  " + Main.describe(summary.bestMetrics()));
        }
        return Main.OK;
    }

    /** Runs the recipe's stages in order, skipping those finished earlier in this run directory. */
    private int trainStages(PluginRegistry registry, Recipe recipe, RunDirectory runDirectory, TerminalProgress progress)
            throws IOException {
        FinishedStages finished = new FinishedStages();
        StageRunner.Result result;
        try (StagedRun run = new StagedRun(Session.injector(registry, recipe, runDirectory, err, finished), recipe,
                runDirectory, err, progress)) {
            result = new StageRunner(recipe, runDirectory).run(run, finished);
        }
        err.println("contrastlab: stages run: " + (result.ran().isEmpty() ? "none" : String.join(", ", result.ran()))
                + "; skipped (finished earlier): " + (result.skipped().isEmpty() ? "none" : String.join(", ", result.skipped())));
        Map<String, Double> shown = new LinkedHashMap<>();
        JsonNode best = JSON.readTree(runDirectory.summary().toFile()).path("bestMetrics");
        best.fields().forEachRemaining(f -> shown.put(f.getKey(), f.getValue().asDouble()));
        for (StageChoice stage : recipe.stages()) {
            if (stage.kind() == StageChoice.Kind.EVALUATE) {
                result.metrics().forEach((k, v) -> {
                    if (k.startsWith(stage.name() + ".")) {
                        shown.put(k, v);
                    }
                });
            }
        }
        out.println(runDirectory.path() + "  " + Main.describe(shown));
        return Main.OK;
    }

}
