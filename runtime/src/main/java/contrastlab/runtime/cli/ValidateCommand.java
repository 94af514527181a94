package contrastlab.runtime.cli;

import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.recipe.Recipe;
import contrastlab.runtime.recipe.StageChoice;
import contrastlab.runtime.run.RunDirectory;
import contrastlab.runtime.wiring.PendingStages;
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
        PendingStages stages = pendingStages(recipe);
        try (TrainingSession session = Session.create(registry, recipe, RunDirectory.at(scratch), err, stages)) {
            stages.fallback().ifPresent(note -> err.println("contrastlab: note: " + note));
            if (recipe.multiStage()) {
                err.println("contrastlab: note: stages " + String.join(", ", recipe.stages().stream()
                        .map(StageChoice::name).toList()) + " are valid; validate runs one batch of pretrain only");
            }
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

    /** Stage outputs for a command that runs no stage: the recipe's plugin stages are pending. */
    static PendingStages pendingStages(Recipe recipe) {
        return new PendingStages(recipe.stages().stream().map(StageChoice::name).collect(java.util.stream.Collectors.toSet()));
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
