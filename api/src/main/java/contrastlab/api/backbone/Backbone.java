package contrastlab.api.backbone;

import ai.djl.nn.Block;
import java.util.List;

/**
 * An encoder: {@link #block()} maps a batch {@code (N, C, H, W)} to an {@code NDList} whose first
 * array is the feature batch {@code (N, featureDim)}; a multi-exit backbone appends one array per
 * exit after it, exit {@code i} of size {@code exitDims().get(i)}.
 *
 * @param block the DJL block, not yet initialised
 * @param featureDim size of the final feature vector
 * @param exitDims size of each exit's vector, in output order (empty without exits); methods size
 *     their per-exit heads from it
 */
public record Backbone(Block block, int featureDim, List<Integer> exitDims) {

    public Backbone {
        exitDims = List.copyOf(exitDims);
    }

    /** A backbone without exits. */
    public Backbone(Block block, int featureDim) {
        this(block, featureDim, List.of());
    }
}
