package contrastlab.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mean ± population std against hand-computed values, and the table's layout. */
class SweepReportTest {

    @TempDir
    Path dir;

    static final ReportSpec SPEC = new ReportSpec("knn.top1", "augs", "method", true);
    static final Map<String, List<String>> AXES = new LinkedHashMap<>(Map.of());

    static {
        AXES.put("augs", List.of("abcde", "ab", "a"));
        AXES.put("method", List.of("simclr", "moco", "simsiam"));
    }

    private static RunResult run(String augs, String method, long seed, Double value) {
        Map<String, String> cell = new LinkedHashMap<>();
        cell.put("augs", augs);
        cell.put("method", method);
        return new RunResult(augs + "_" + method + "_" + seed, cell, seed, Optional.ofNullable(value));
    }

    private static SweepReport report() {
        List<RunResult> runs = new ArrayList<>();
        runs.add(run("abcde", "simclr", 0, 0.80));
        runs.add(run("abcde", "simclr", 1, 0.82));
        runs.add(run("abcde", "simclr", 2, 0.87));
        runs.add(run("abcde", "moco", 0, 0.90));
        runs.add(run("abcde", "moco", 1, 0.94));
        runs.add(run("abcde", "moco", 2, null)); // still running
        runs.add(run("a", "simclr", 0, 0.60));
        runs.add(run("a", "simclr", 1, 0.60));
        runs.add(run("a", "simclr", 2, 0.60));
        runs.add(run("ab", "simsiam", 0, null)); // no result at all: row and column left out
        return SweepReport.of("abl", SPEC, List.of(0L, 1L, 2L), AXES, runs);
    }

    @Test
    void meanAndPopulationStd() {
        CellStats s = new CellStats(List.of(0.80, 0.82, 0.87));
        assertEquals(0.83, s.mean(), 1e-12);
        // ((-.03)^2 + (-.01)^2 + .04^2) / 3 = .0026 / 3, ddof 0
        assertEquals(Math.sqrt(0.0026 / 3), s.std(), 1e-12);
        assertEquals(0.02, new CellStats(List.of(0.90, 0.94)).std(), 1e-12);
        assertEquals(0.0, new CellStats(List.of(0.6, 0.6, 0.6)).std(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new CellStats(List.of()));
    }

    @Test
    void tableLayout() {
        SweepReport report = report();
        assertEquals(List.of("abcde", "a"), report.rows());
        assertEquals(List.of("simclr", "moco"), report.columns());
        String md = report.markdown();
        assertTrue(md.contains("| augs | simclr | moco |\n|---|---|---|\n"), md);
        assertTrue(md.contains("| abcde | 83.00 ± 2.94 | 92.00 ± 2.00 (n=2) |\n"), md);
        assertTrue(md.contains("| a | 60.00 ± 0.00 | – |\n"), md);
        assertTrue(md.contains("mean ± population std (ddof 0) over seeds 0, 1, 2"), md);
        assertTrue(md.contains("Runs with a result: 8 of 10."), md);
        assertFalse(md.contains("simsiam"), md);
        assertEquals("""
                augs,simclr mean,simclr std,simclr n,moco mean,moco std,moco n
                abcde,83.0000,2.9439,3,92.0000,2.0000,2
                a,60.0000,0.0000,3,,,
                """, report.csv());
        assertTrue(report.runsCsv().startsWith("run,augs,method,seed,knn.top1.best\nabcde_simclr_0,abcde,simclr,0,0.8\n"),
                report.runsCsv());
        assertTrue(report.runsCsv().contains("abcde_moco_2,abcde,moco,2,\n"), report.runsCsv());
    }

    @Test
    void readsASweepFolderAndWritesEveryFile() throws IOException {
        SweepSpec spec = SweepFile.read(SweepFixtures.write(dir, SweepFixtures.SWEEP));
        List<PlannedRun> runs = SweepPlan.runs(spec);
        Path out = dir.resolve("out");
        SweepRunner.writeManifest(spec, runs, out);
        // two shards' worth of results in one folder: seeds 0 and 1 of one cell
        for (PlannedRun r : runs) {
            if (r.cell().get("augment.preset").equals("ab") && r.cell().get("method").equals("warm") && r.seed() < 2) {
                Path runDir = SweepRunner.runDir(out, r);
                Files.createDirectories(runDir);
                // seed 1 as a multi-stage run whose metric comes from a stage (summary.json stageMetrics)
                Files.writeString(runDir.resolve("summary.json"), r.seed() == 0
                        ? "{\"bestMetrics\": {\"knn.top1\": 0.7, \"knn.top5\": 1.0}}"
                        : "{\"bestMetrics\": {\"knn.top5\": 1.0}, \"stageMetrics\": {\"knn.top1\": 0.8}}");
            }
        }
        SweepReport report = SweepReport.read(out);
        assertEquals(List.of("ab"), report.rows());
        assertEquals(List.of("warm"), report.columns());
        assertTrue(report.markdown().contains("| ab | 75.00 ± 5.00 (n=2) |"), report.markdown());
        report.write(out);
        for (String f : List.of("report.md", "report.csv", "runs.csv", "report.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertThrows(IllegalArgumentException.class, () -> SweepReport.read(dir));
    }
}
