package contrastlab.runtime.sweep;

import contrastlab.runtime.recipe.Assignment;
import java.util.List;

/**
 * One value of a grid axis: its label (table header, run folder name) and the recipe keys it sets.
 *
 * @param assignments applied like {@code --set}, in order
 */
public record AxisValue(String label, List<Assignment> assignments) {

    public AxisValue {
        assignments = List.copyOf(assignments);
    }
}
