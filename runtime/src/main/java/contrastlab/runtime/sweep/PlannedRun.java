package contrastlab.runtime.sweep;

import contrastlab.runtime.recipe.Assignment;
import java.util.List;
import java.util.Map;

/**
 * One training run of a sweep: a grid cell and a seed.
 *
 * @param id          the run's folder name under {@code SWEEP_DIR/runs/}, from the cell's labels and the seed
 * @param cell        axis name to value label, in grid order
 * @param assignments everything the run sets over the base recipe: {@code set:}, the seed, the cell's values
 */
public record PlannedRun(String id, Map<String, String> cell, long seed, List<Assignment> assignments) {

    public PlannedRun {
        cell = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cell));
        assignments = List.copyOf(assignments);
    }
}
