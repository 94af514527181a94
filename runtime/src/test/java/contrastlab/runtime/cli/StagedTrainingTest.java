package contrastlab.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import contrastlab.api.stage.Artifacts;
import contrastlab.runtime.TestRecipes;
import contrastlab.runtime.stage.StageRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} of a tiny multi-stage recipe end to end (autoencoder, pretrain with a sampler that reads
 * the autoencoder's features, evaluate), then again, skipping every stage; {@code validate} of the same
 * recipe falls back to the random sampler.
 */
class StagedTrainingTest {

    private static final String RECIPE = TestRecipes.TINY.replace("size: 192", "size: 128")
            .replace("schedule: {type: cosine, epochs: 2}", "schedule: {type: cosine, epochs: 1}")
            .replace("temperature: 0.1}]", "temperature: 0.1, everyEpochs: 0}]")
            + "stepsPerEpoch: 2\n"
            + "sampler: {type: stage-reading, stage: autoencoder}\n"
            + "stages: [{type: autoencoder, epochs: 2, batchSize: 32}, pretrain, evaluate]\n";

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void trainRunsTheStagesInOrderAndASecondTrainSkipsThemAll() throws IOException {
        Path recipe = TestRecipes.write(dir, RECIPE);
        Path out = dir.resolve("run");

        Result first = run("train", recipe.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.err().contains("stages run: autoencoder, pretrain, evaluate"), first.err());
        assertTrue(first.out().contains("evaluate.knn.top1"), first.out());
        assertEquals(128, Artifacts.readFeatures(StageRunner.directory(new contrastlab.runtime.run.RunDirectory(out),
                "autoencoder").resolve(Artifacts.FEATURES)).count());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        List<String> header = List.of(metrics.get(0).split(","));
        assertTrue(header.contains("sampler.feature_dim"), "the sampler read the stage's features: " + header);
        assertTrue(!header.contains("knn.top1"), "the evaluate stage runs knn, not the training loop: " + header);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        double valMse = summary.path("stageMetrics").path("autoencoder.val_mse").asDouble(-1);
        assertTrue(valMse > 0 && valMse < 1, summary.toString());
        double top1 = summary.path("stageMetrics").path("evaluate.knn.top1").asDouble(-1);
        assertTrue(top1 >= 0 && top1 <= 1, summary.toString());

        Result second = run("train", recipe.toString(), "--out", out.toString(), "--resume", "--no-progress");
        assertEquals(0, second.code(), second.err());
        assertTrue(second.err().contains("stages run: none; skipped (finished earlier): autoencoder, pretrain, evaluate"),
                second.err());
        assertTrue(second.out().contains(String.format("evaluate.knn.top1 %.2f%%", 100 * top1)), second.out());
        assertEquals(metrics, Files.readAllLines(out.resolve("metrics.csv")), "pretrain did not run again");
    }

    @Test
    void validateUsesTheRandomSamplerWhenTheSamplerNeedsAStageAndSaysSo() throws IOException {
        Path recipe = TestRecipes.write(dir, RECIPE);
        Result r = run("validate", recipe.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("sampler 'stage-reading' reads the output of stage 'autoencoder'")
                && r.err().contains("random sampler"), r.err());
        assertTrue(r.out().startsWith("ok: "), r.out());
    }

    @Test
    void pluginsListsTheStageKind() {
        Result r = run("plugins", "stage");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("stage (") && r.out().contains("autoencoder") && r.out().contains("validationFraction")
                && r.out().contains("built in: pretrain"), r.out());
    }
}
