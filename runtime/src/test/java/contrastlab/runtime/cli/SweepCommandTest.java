package contrastlab.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code contrastlab sweep} and {@code report}: one-line errors with exit 2, and one real run in a child JVM. */
class SweepCommandTest {

    static final String BASE = """
            name: tiny
            dataset: {type: synthetic, size: 64, testSize: 32, classes: 4, channels: 3, height: 8, width: 8, seed: 5}
            augment: {preset: abcde, size: 8}
            backbone: {type: resnet, depth: 18, stem: cifar, width: 2}
            method: {type: simclr, temperature: 0.5}
            optimizer: {type: sgd, lr: 0.05}
            schedule: {type: cosine, epochs: 1}
            batchSize: 32
            stepsPerEpoch: 1
            evaluate: [{type: knn, k: 5}]
            data: {workers: 1}
            devices: cpu
            """;

    static final String SWEEP = """
            sweep: cli-sweep
            base: base.yaml
            seeds: [3]
            grid:
              augment.preset: [ab, a]
              method.type: [simclr]
            report: {metric: knn.top1, rows: augment.preset, columns: method.type}
            """;

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

    private static void assertOneLineError(Result r, int code, String fragment) {
        assertEquals(code, r.code(), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("contrastlab: error: ")).count(), r.err());
        assertTrue(r.err().contains(fragment), "expected '" + fragment + "' in: " + r.err());
    }

    private Path write(String sweep) throws IOException {
        Files.writeString(dir.resolve("base.yaml"), BASE);
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, sweep);
        return file;
    }

    @Test
    void badSweepFilesAndOptionsExitWithTwo() throws IOException {
        Path good = write(SWEEP);
        String out = dir.resolve("out").toString();
        assertOneLineError(run("sweep", dir.resolve("none.yaml").toString()), 2, "sweep file");
        Path bad = write(SWEEP.replace("[simclr]", "[simclr, moco-missing]"));
        assertOneLineError(run("sweep", bad.toString(), "--out", out), 2,
                "unknown method 'moco-missing' at " + bad + ":6:");
        assertOneLineError(run("sweep", write(SWEEP.replace("grid:", "grd:")).toString()), 2,
                "unknown key 'grd' in sweep file at " + good + ":4:1");
        good = write(SWEEP);
        assertOneLineError(run("sweep", good.toString(), "--shard", "2/2"), 2, "--shard 2/2 is not I/N");
        assertOneLineError(run("sweep", good.toString(), "--only", "method=simclr"), 2, "no grid axis 'method'");
        assertOneLineError(run("sweep", good.toString(), "--only", "method.type=moco"), 2, "has no value 'moco'");
        assertOneLineError(run("sweep", good.toString(), "--workers", "0"), 2, "--workers 0");
        assertOneLineError(run("report", dir.toString()), 2, "not a sweep folder");
        Result dry = run("sweep", good.toString(), "--out", out, "--dry-run", "--shard", "1/2");
        assertEquals(0, dry.code(), dry.err());
        assertEquals(1, dry.out().lines().count(), dry.out());
        assertTrue(dry.out().startsWith("new  ") && dry.out().contains("augment.preset=ab__method.type=simclr__seed=3"),
                dry.out());
    }

    @Test
    void runsInAChildProcessThenSkipsAndReports() throws IOException {
        Path sweep = write(SWEEP);
        String out = dir.resolve("out").toString();
        Result r = run("sweep", sweep.toString(), "--out", out, "--only", "augment.preset=a");
        assertEquals(0, r.code(), r.err() + readLog(dir.resolve("out/runs/augment.preset=a__method.type=simclr__seed=3")));
        Path runDir = dir.resolve("out/runs/augment.preset=a__method.type=simclr__seed=3");
        assertTrue(Files.exists(runDir.resolve("summary.json")), r.err());
        assertTrue(Files.readString(runDir.resolve("recipe.yaml")).contains("type: random-resized-crop"));
        assertTrue(r.out().contains("1 trained, 0 failed"), r.out());

        Result again = run("sweep", sweep.toString(), "--out", out, "--only", "augment.preset=a");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("1 already finished, 0 trained"), again.out());

        Result report = run("report", out);
        assertEquals(0, report.code(), report.err());
        assertTrue(report.out().contains("| augment.preset | simclr |"), report.out());
        assertTrue(report.out().contains("Runs with a result: 1 of 2."), report.out());
        assertTrue(Files.exists(dir.resolve("out/report.png")));
    }

    private static String readLog(Path runDir) throws IOException {
        Path log = runDir.resolve("train.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
