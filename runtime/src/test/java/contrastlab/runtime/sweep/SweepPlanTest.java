package contrastlab.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grid x seeds, stable ids, and shards that cover the grid exactly once. */
class SweepPlanTest {

    @TempDir
    Path dir;

    private List<PlannedRun> runs() throws IOException {
        return SweepPlan.runs(SweepFile.read(SweepFixtures.write(dir, SweepFixtures.SWEEP)));
    }

    @Test
    void everyCellTimesEverySeedSortedById() throws IOException {
        List<PlannedRun> runs = runs();
        assertEquals(3 * 2 * 3, runs.size());
        Set<String> cells = new HashSet<>();
        for (PlannedRun r : runs) {
            cells.add(r.cell().get("augment.preset") + "/" + r.cell().get("method") + "/" + r.seed());
        }
        assertEquals(18, cells.size());
        List<String> ids = runs.stream().map(PlannedRun::id).toList();
        assertEquals(ids.stream().sorted().toList(), ids);
        PlannedRun first = runs.get(0);
        assertEquals("augment.preset=a__method=cold__seed=0", first.id());
        // set: first, then the seed, then the cell's values in grid order
        assertEquals(List.of("optimizer.momentum", "seed", "augment.preset", "method", "optimizer.lr"),
                first.assignments().stream().map(a -> a.key()).toList());
        assertEquals(0, first.assignments().get(1).value().asLong());
    }

    @Test
    void shardsAreDisjointAndCoverTheGrid() throws IOException {
        List<PlannedRun> runs = runs();
        for (int n : new int[] {1, 4, 5, 18, 25}) {
            List<String> union = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<PlannedRun> share = SweepPlan.shard(runs, i, n);
                assertTrue(share.size() >= runs.size() / n && share.size() <= runs.size() / n + 1, n + ": " + share.size());
                share.forEach(r -> union.add(r.id()));
            }
            assertEquals(runs.size(), union.size(), "no run in two shards (n=" + n + ")");
            assertEquals(new HashSet<>(runs.stream().map(PlannedRun::id).toList()), new HashSet<>(union));
        }
        assertEquals(List.of(runs.get(1), runs.get(5), runs.get(9), runs.get(13), runs.get(17)), SweepPlan.shard(runs, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.shard(runs, 4, 4));
    }

    @Test
    void onlyKeepsTheChosenLabels() throws IOException {
        List<PlannedRun> chosen = SweepPlan.only(runs(), Map.of("method", Set.of("warm"), "augment.preset", Set.of("a", "ab")));
        assertEquals(2 * 3, chosen.size());
        assertTrue(chosen.stream().allMatch(r -> r.cell().get("method").equals("warm")));
    }
}
