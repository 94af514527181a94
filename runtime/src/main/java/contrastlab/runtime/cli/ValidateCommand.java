package contrastlab.runtime.cli;

import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.recipe.Recipe;
import contrastlab.runtime.run.RunDirectory;
import contrastlab.runtime.train.PreparedBatch;
import contrastlab.runtime.train.TrainingSession;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.ParseException;

/** {@code contrastlab validate RECIPE}: parse, wire, and run one batch forward and backward. */
final class ValidateCommand extends Command {

    ValidateCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    int run(String[] args) throws ParseException, IOException {
        CommandLine line = parse(commonOptions(), args);
        String file = positional(line, "RECIPE", "validate");
        PluginRegistry registry = registry(line);
        Recipe recipe = loadRecipe(registry, file, overrides(line));
        Path scratch = Files.createTempDirectory("contrastlab-validate");
        try (TrainingSession session = Session.create(registry, recipe, RunDirectory.at(scratch), err)) {
            session.open();
            PreparedBatch batch = session.firstBatch();
            TrainingSession.StepOutcome outcome = session.step(batch, 0, false);
            out.printf("ok: %s  (%d training images, %d views of %s, %,d trainable parameters, first loss %.4f)%n",
                    file, session.trainSize(), batch.views().size(), batch.viewShapes().get(0),
                    session.trainableParameterCount(), outcome.loss());
        } finally {
            deleteRecursively(scratch);
        }
        return Main.OK;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
