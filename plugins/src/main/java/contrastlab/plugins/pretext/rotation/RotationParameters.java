package contrastlab.plugins.pretext.rotation;

import java.util.List;

/**
 * Parameters of the {@code rotation} pretext task.
 *
 * @param hidden output sizes of the hidden Linear layers of the head, each followed by ReLU and
 *     Dropout; the last Linear maps to the 4 rotations (ScatSimCLR: [512, 128])
 * @param dropout the Dropout rate after each hidden layer
 */
public record RotationParameters(List<Integer> hidden, double dropout) {

    public RotationParameters {
        hidden = List.copyOf(hidden);
        for (Integer h : hidden) {
            if (h == null || h <= 0) {
                throw new IllegalArgumentException("rotation hidden sizes must be positive, got " + hidden);
            }
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("rotation dropout must be in [0, 1), got " + dropout);
        }
    }
}
