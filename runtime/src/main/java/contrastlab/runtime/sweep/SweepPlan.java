package contrastlab.runtime.sweep;

import com.fasterxml.jackson.databind.node.LongNode;
import contrastlab.runtime.recipe.Assignment;
import contrastlab.runtime.recipe.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runs of a sweep: every grid cell (the Cartesian product of the axes) times every seed, sorted by
 * run id, so every machine computes the same list and {@code --shard I/N} can take a fixed share.
 */
public final class SweepPlan {

    private SweepPlan() {}

    /** Every run of {@code spec}, sorted by id. */
    public static List<PlannedRun> runs(SweepSpec spec) {
        List<Map<String, AxisValue>> cells = new ArrayList<>();
        cells.add(new LinkedHashMap<>());
        for (Axis axis : spec.axes()) {
            List<Map<String, AxisValue>> next = new ArrayList<>();
            for (Map<String, AxisValue> cell : cells) {
                for (AxisValue value : axis.values()) {
                    Map<String, AxisValue> extended = new LinkedHashMap<>(cell);
                    extended.put(axis.name(), value);
                    next.add(extended);
                }
            }
            cells = next;
        }
        List<PlannedRun> runs = new ArrayList<>();
        for (Map<String, AxisValue> cell : cells) {
            Map<String, String> labels = new LinkedHashMap<>();
            StringBuilder id = new StringBuilder();
            for (Map.Entry<String, AxisValue> e : cell.entrySet()) {
                labels.put(e.getKey(), e.getValue().label());
                id.append(safe(e.getKey())).append('=').append(safe(e.getValue().label())).append("__");
            }
            for (long seed : spec.seeds()) {
                List<Assignment> assignments = new ArrayList<>(spec.fixed());
                assignments.add(new Assignment("seed", LongNode.valueOf(seed), new Location(spec.file() + " (seeds)", 0, 0)));
                cell.values().forEach(v -> assignments.addAll(v.assignments()));
                runs.add(new PlannedRun(id + "seed=" + seed, labels, seed, assignments));
            }
        }
        runs.sort(Comparator.comparing(PlannedRun::id));
        for (int i = 1; i < runs.size(); i++) {
            if (runs.get(i).id().equals(runs.get(i - 1).id())) {
                throw new IllegalStateException("two runs share the folder name " + runs.get(i).id()
                        + "; grid labels differ only in characters a folder name cannot hold");
            }
        }
        return List.copyOf(runs);
    }

    /** Shard {@code index} of {@code count}: every count-th run of the sorted list, starting at index. */
    public static List<PlannedRun> shard(List<PlannedRun> runs, int index, int count) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist; use I/N with 0 <= I < N");
        }
        List<PlannedRun> share = new ArrayList<>();
        for (int i = index; i < runs.size(); i += count) {
            share.add(runs.get(i));
        }
        return share;
    }

    /** The runs whose cell takes one of {@code labels} on each restricted axis ({@code --only}). */
    public static List<PlannedRun> only(List<PlannedRun> runs, Map<String, Set<String>> labels) {
        return runs.stream().filter(r -> labels.entrySet().stream()
                .allMatch(e -> e.getValue().contains(r.cell().get(e.getKey())))).toList();
    }

    /** A folder-name-safe form of a label. */
    static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9._+-]", "_");
    }
}
