package contrastlab.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contrastlab.runtime.recipe.RecipeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep files: what they parse to, and one line naming file, position and key for each mistake. */
class SweepFileTest {

    @TempDir
    Path dir;

    private String error(String sweep) throws IOException {
        Path file = SweepFixtures.write(dir, sweep);
        RecipeException e = assertThrows(RecipeException.class, () -> SweepFile.read(file));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void parsesAxesSeedsSetAndReport() throws IOException {
        SweepSpec spec = SweepFile.read(SweepFixtures.write(dir, SweepFixtures.SWEEP));
        assertEquals("tiny-ablation", spec.name());
        assertEquals(dir.resolve("base.yaml").toAbsolutePath().normalize(), spec.base());
        assertEquals(List.of(0L, 1L, 2L), spec.seeds());
        assertEquals("optimizer.momentum", spec.fixed().get(0).key());
        assertEquals(List.of("augment.preset", "method"), spec.axes().stream().map(Axis::name).toList());
        assertEquals(List.of("abcde", "ab", "a"), spec.axes().get(0).labels());
        AxisValue cold = spec.axes().get(1).value("cold").orElseThrow();
        assertEquals(List.of("method", "optimizer.lr"), cold.assignments().stream().map(a -> a.key()).toList());
        assertTrue(cold.assignments().get(0).location().toString().contains("sweep.yaml:9:"),
                cold.assignments().get(0).location().toString());
        assertEquals(new ReportSpec("knn.top1", "augment.preset", "method", true), spec.report());
        assertEquals("knn.top1", new ReportSpec("knn.top1.best", "x", null, true).bestKey());
    }

    @Test
    void mistakesAreOneLineWithPosition() throws IOException {
        String m = error(SweepFixtures.SWEEP.replace("seeds:", "sedes:"));
        assertTrue(m.startsWith("unknown key 'sedes' in sweep file at ") && m.contains("sweep.yaml:3:1"), m);
        m = error(SweepFixtures.SWEEP.replace("base: base.yaml", "base: nope.yaml"));
        assertTrue(m.startsWith("'base: nope.yaml' at ") && m.contains("sweep.yaml:2:7") && m.contains("missing file"), m);
        m = error(SweepFixtures.SWEEP.replace("base: base.yaml\n", ""));
        assertTrue(m.startsWith("missing required key 'base'"), m);
        m = error(SweepFixtures.SWEEP.replace("[0, 1, 2]", "[0, x]"));
        assertTrue(m.startsWith("'seeds.1' at ") && m.contains("sweep.yaml:3:"), m);
        m = error(SweepFixtures.SWEEP.replace("[0, 1, 2]", "[1, 1]"));
        assertTrue(m.contains("listed twice"), m);
        m = error(SweepFixtures.SWEEP.replace("{optimizer.momentum: 0.8}", "{seed: 3}"));
        assertTrue(m.startsWith("'set.seed' at ") && m.contains("'seeds'"), m);
        m = error(SweepFixtures.SWEEP.replace("[abcde, ab, a]", "[abcde, {preset: ab}]"));
        assertTrue(m.startsWith("'grid.augment.preset.1' at ") && m.contains("labelled values"), m);
        m = error(SweepFixtures.SWEEP.replace("[abcde, ab, a]", "[abcde, ab, abcde]"));
        assertTrue(m.contains("lists 'abcde' twice"), m);
        m = error(SweepFixtures.SWEEP.replace("rows: augment.preset", "rows: preset"));
        assertTrue(m.startsWith("'report.rows: preset' at ") && m.contains("is not a grid axis; axes: augment.preset, method"), m);
        m = error(SweepFixtures.SWEEP.replace(", columns: method", ""));
        assertTrue(m.startsWith("grid axis 'method' at ") && m.contains("neither report.rows nor report.columns"), m);
        m = error(SweepFixtures.SWEEP.replace("metric: knn.top1, ", ""));
        assertTrue(m.startsWith("missing required key 'report.metric'"), m);
        m = error(SweepFixtures.SWEEP.replace("columns: method}", "columns: method, colour: red}"));
        assertTrue(m.startsWith("unknown key 'report.colour'"), m);
    }

    @Test
    void columnsAreOptional() throws IOException {
        SweepSpec spec = SweepFile.read(SweepFixtures.write(dir, """
                base: base.yaml
                grid: {augment.strength: [1, 0.5]}
                report: {metric: knn.top1, rows: augment.strength}
                """));
        assertEquals("sweep", spec.name());
        assertNull(spec.report().columns());
        assertEquals(List.of("1", "0.5"), spec.axes().get(0).labels());
        assertEquals(List.of(0L), spec.seeds());
    }
}
