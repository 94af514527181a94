package contrastlab.api.backbone;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An encoder: {@link #block()} maps a batch {@code (N, C, H, W)} to an {@code NDList} whose first
 * array is the feature batch {@code (N, featureDim)}; a multi-exit backbone appends one array per
 * exit after it, exit {@code i} of size {@code exitDims().get(i)}.
 *
 * @param block the DJL block, not yet initialised
 * @param featureDim size of the final feature vector
 * @param exitDims size of each exit's vector, in output order (empty without exits); methods size
 *     their per-exit heads from it
 * @param inputTransform a fixed first stage the runtime may run on its data workers (see
 *     {@link InputTransform}); empty for an ordinary backbone
 */
public record Backbone(Block block, int featureDim, List<Integer> exitDims, Optional<InputTransform> inputTransform) {

    public Backbone {
        Objects.requireNonNull(block, "block");
        exitDims = List.copyOf(exitDims);
        Objects.requireNonNull(inputTransform, "inputTransform (use Optional.empty())");
    }

    /** A backbone without an input transform. */
    public Backbone(Block block, int featureDim, List<Integer> exitDims) {
        this(block, featureDim, exitDims, Optional.empty());
    }

    /** A backbone without exits or input transform. */
    public Backbone(Block block, int featureDim) {
        this(block, featureDim, List.of());
    }

    /** This backbone, declaring {@code transform} as its fixed first stage. */
    public Backbone withInputTransform(InputTransform transform) {
        return new Backbone(block, featureDim, exitDims, Optional.of(transform));
    }
}
