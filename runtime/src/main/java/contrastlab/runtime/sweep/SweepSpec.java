package contrastlab.runtime.sweep;

import contrastlab.runtime.recipe.Assignment;
import java.nio.file.Path;
import java.util.List;

/**
 * A parsed, checked sweep file.
 *
 * @param file   the sweep file
 * @param base   the base recipe (resolved against the sweep file's folder)
 * @param seeds  each cell runs once per seed (the recipe's {@code seed}); cells report mean ± std over them
 * @param fixed  the {@code set:} section: keys applied to every run before the grid
 * @param axes   the grid, in file order; the runs are their Cartesian product
 */
public record SweepSpec(String name, Path file, Path base, List<Long> seeds, List<Assignment> fixed, List<Axis> axes,
        ReportSpec report) {

    public SweepSpec {
        seeds = List.copyOf(seeds);
        fixed = List.copyOf(fixed);
        axes = List.copyOf(axes);
    }
}
