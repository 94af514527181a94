package contrastlab.runtime.cli;

import contrastlab.runtime.plugin.PluginRegistry;
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
        if (!resume || !Files.exists(runDirectory.recipe())) {
            RunDirectory.writeAtomically(runDirectory.recipe(), YAML.writeValueAsString(recipe.resolved()));
        }
        err.println("contrastlab: run directory " + runDirectory.path());
        try (TrainingSession session = Session.create(registry, recipe, runDirectory, err)) {
            session.open();
            if (resume) {
                session.resume();
            }
            Summary summary = session.train(new TerminalProgress(err, !line.hasOption("no-progress")));
            out.println(runDirectory.path() + "  " + Main.describe(summary.bestMetrics()));
        }
        return Main.OK;
    }

}
