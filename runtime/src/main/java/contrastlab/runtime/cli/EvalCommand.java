package contrastlab.runtime.cli;

import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.recipe.Recipe;
import contrastlab.runtime.recipe.RecipeLoader;
import contrastlab.runtime.run.Checkpoint;
import contrastlab.runtime.run.RunDirectory;
import contrastlab.runtime.stage.FinishedStages;
import contrastlab.runtime.train.TrainingSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code contrastlab eval RUN_DIR [--protocol NAME] [--checkpoint last|best]}: evaluates a run's
 * checkpoint with the run's evaluators, or with one protocol (an evaluator plugin name).
 */
final class EvalCommand extends Command {

    EvalCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    int run(String[] args) throws ParseException, IOException {
        Options options = commonOptions();
        options.addOption(Option.builder().longOpt("protocol").hasArg().argName("NAME")
                .desc("an evaluator plugin, e.g. knn (default: the run's evaluators)").build());
        options.addOption(Option.builder().longOpt("checkpoint").hasArg().argName("last|best")
                .desc("which checkpoint (default best if present, else last)").build());
        CommandLine line = parse(options, args);
        RunDirectory run = new RunDirectory(Path.of(positional(line, "RUN_DIR", "eval")));
        if (!Files.exists(run.recipe())) {
            throw new UsageException("eval: " + run.path() + " is not a run directory (no recipe.yaml); pass a folder made by train");
        }
        String which = line.getOptionValue("checkpoint", Files.exists(run.checkpoints().resolve(Checkpoint.BEST)) ? "best" : "last");
        if (!which.equals("best") && !which.equals("last")) {
            throw new UsageException("--checkpoint " + which + ": use last or best");
        }
        Path checkpoint = run.checkpoints().resolve(which + ".ckpt");
        if (!Files.exists(checkpoint)) {
            throw new UsageException("eval: " + checkpoint + " does not exist; train the run first");
        }
        List<String> overrides = new ArrayList<>(overrides(line));
        if (line.hasOption("protocol")) {
            overrides.add(0, "evaluate=[{type: " + line.getOptionValue("protocol") + "}]");
        }
        PluginRegistry registry = registry(line);
        Recipe recipe = new RecipeLoader(registry).load(Files.readString(run.recipe(), StandardCharsets.UTF_8),
                run.recipe().toString(), overrides);
        if (recipe.evaluate().isEmpty()) {
            throw new UsageException("eval: the run has no evaluators; pass --protocol knn");
        }
        try (TrainingSession session = Session.create(registry, recipe, run, err, FinishedStages.of(run, recipe))) {
            session.open();
            int epoch = session.loadParameters(checkpoint);
            Map<String, Double> metrics = session.evaluate(recipe.epochs() - 1);
            metrics.putAll(session.evaluateAfterTraining()); // an evaluate stage's evaluators
            metrics.remove("eval_s");
            out.println(run.path() + " (" + which + ", epoch " + epoch + ")  " + Main.describe(metrics));
            String name = "eval-" + (line.hasOption("protocol") ? line.getOptionValue("protocol") : "all") + "-" + which + ".json";
            RunDirectory.writeAtomically(run.path().resolve(name),
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(metrics));
        }
        return Main.OK;
    }
}
