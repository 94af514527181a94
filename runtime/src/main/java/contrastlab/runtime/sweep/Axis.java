package contrastlab.runtime.sweep;

import java.util.List;
import java.util.Optional;

/**
 * A grid axis: {@code augment.preset: [abcde, ab]} (the name is the recipe key each value sets) or
 * {@code method: {simclr: {...}, moco: {...}}} (labelled values, each setting several keys).
 */
public record Axis(String name, List<AxisValue> values) {

    public Axis {
        values = List.copyOf(values);
    }

    public List<String> labels() {
        return values.stream().map(AxisValue::label).toList();
    }

    public Optional<AxisValue> value(String label) {
        return values.stream().filter(v -> v.label().equals(label)).findFirst();
    }
}
