package contrastlab.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import contrastlab.runtime.TestRecipes;
import contrastlab.runtime.cli.Session;
import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.recipe.Recipe;
import contrastlab.runtime.recipe.RecipeLoader;
import contrastlab.runtime.run.RunDirectory;
import contrastlab.runtime.run.Summary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains the tiny synthetic recipe end to end through the Guice-wired session. */
class TrainingIntegrationTest {

    static PluginRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void discover() {
        registry = PluginRegistry.discover(List.of());
    }

    private Recipe recipe(String... sets) throws IOException {
        return new RecipeLoader(registry).load(TestRecipes.write(dir, TestRecipes.TINY), List.of(sets));
    }

    private static List<float[]> train(Recipe recipe, RunDirectory run, boolean resume) throws IOException {
        try (TrainingSession session = Session.create(registry, recipe, run, new PrintStream(new ByteArrayOutputStream()))) {
            session.open();
            if (resume) {
                session.resume();
            }
            session.train(Progress.silent());
            List<float[]> values = new ArrayList<>();
            for (Parameter p : session.parameters()) {
                values.add(p.getArray().toFloatArray());
            }
            return values;
        }
    }

    @Test
    void aPretextTaskAndTheLinearEvaluatorWithTrainAugmentationRunThroughTheSession() throws IOException {
        RunDirectory run = RunDirectory.at(dir.resolve("pretext"));
        train(recipe("schedule.epochs=1", "stepsPerEpoch=2", "pretext=[{type: rotation, hidden: [16], warmupEpochs: 0}]",
                "evaluate=[{type: linear, epochs: 2, batchSize: 32, lr: 0.01, trainAugment: true}]"), run, false);
        List<String> lines = Files.readAllLines(run.metrics());
        List<String> header = List.of(lines.get(0).split(","));
        assertTrue(header.contains("rotation_loss") && header.contains("linear.top1")
                && header.contains("linear.top1_best_epoch"), header.toString());
        String[] row = lines.get(1).split(",");
        double rotation = Double.parseDouble(row[header.indexOf("rotation_loss")]);
        assertTrue(rotation > 0.5 && rotation < 3, "4-way cross-entropy near ln 4 at the start: " + rotation);
        double last = Double.parseDouble(row[header.indexOf("linear.top1")]);
        double best = Double.parseDouble(row[header.indexOf("linear.top1_best_epoch")]);
        assertTrue(best >= last && last > 0.25, last + " / " + best + " on 4 synthetic classes");
    }

    @Test
    void lossFallsAndTheRunDirectoryIsComplete() throws IOException {
        RunDirectory run = RunDirectory.at(dir.resolve("run"));
        train(recipe("schedule.epochs=4"), run, false);
        List<String> lines = Files.readAllLines(run.metrics());
        assertEquals(5, lines.size(), "header + one row per epoch: " + lines);
        List<String> header = List.of(lines.get(0).split(","));
        int loss = header.indexOf("loss");
        int knn = header.indexOf("knn.top1");
        assertTrue(loss >= 0 && knn >= 0 && header.contains("knn.top1.best") && header.contains("img_per_s") && header.contains("rss_mib"), header.toString());
        double first = Double.parseDouble(lines.get(1).split(",")[loss]);
        double last = Double.parseDouble(lines.get(4).split(",")[loss]);
        assertTrue(last < first, "loss should fall: " + first + " -> " + last);
        double accuracy = Double.parseDouble(lines.get(4).split(",")[knn]);
        assertTrue(accuracy > 0.4, "kNN on 4 separable classes should beat chance (0.25): " + accuracy);
        for (Path p : List.of(run.summary(), run.checkpoints().resolve("last.ckpt"), run.checkpoints().resolve("best.ckpt"),
                run.plots().resolve("loss.png"), run.plots().resolve("accuracy.png"))) {
            assertTrue(Files.size(p) > 0, p + " missing");
        }
        assertTrue(Files.readString(run.summary()).contains("\"knn.top1\""));
    }

    @Test
    void twoEpochsEqualOneEpochPlusResumePlusOne() throws IOException {
        List<float[]> straight = train(recipe(), RunDirectory.at(dir.resolve("straight")), false);
        // stop after one epoch: a run of the same recipe whose schedule ends at epoch 2, interrupted after 1
        RunDirectory interrupted = RunDirectory.at(dir.resolve("interrupted"));
        try (TrainingSession session = Session.create(registry, recipe(), interrupted,
                new PrintStream(new ByteArrayOutputStream()))) {
            session.open();
            session.trainEpochs(1, Progress.silent());
        }
        List<float[]> resumed = train(recipe(), interrupted, true);
        assertEquals(straight.size(), resumed.size());
        for (int i = 0; i < straight.size(); i++) {
            assertArrayEquals(straight.get(i), resumed.get(i), 0f, "parameter " + i + " differs after resume");
        }
        assertEquals(3, Files.readAllLines(interrupted.metrics()).size(), "header + 2 epochs after resume");
    }

    @Test
    void nonFiniteEvaluationFeaturesStopTheRunInsteadOfScoringChance() throws IOException {
        try (TrainingSession session = Session.create(registry, recipe(), RunDirectory.at(dir.resolve("nan")),
                new PrintStream(new ByteArrayOutputStream()))) {
            session.open();
            Parameter runningVar = session.parameters().stream().filter(p -> p.getName().contains("runningVar"))
                    .findFirst().orElseThrow();
            float[] nan = new float[(int) runningVar.getArray().size()];
            java.util.Arrays.fill(nan, Float.NaN);
            runningVar.getArray().set(nan);
            TrainingDivergedException e = org.junit.jupiter.api.Assertions.assertThrows(TrainingDivergedException.class,
                    () -> session.evaluate(1));
            assertTrue(e.getMessage().contains("optimizer.lr"), e.getMessage());
        }
    }
}
