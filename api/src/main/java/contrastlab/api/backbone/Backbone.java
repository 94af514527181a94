package contrastlab.api.backbone;

import ai.djl.nn.Block;

/**
 * An encoder: {@link #block()} maps a batch {@code (N, C, H, W)} to an {@code NDList} whose first
 * array is the feature batch {@code (N, featureDim)}; a multi-exit backbone appends one array per
 * exit after it.
 *
 * @param block the DJL block, not yet initialised
 * @param featureDim size of the final feature vector
 */
public record Backbone(Block block, int featureDim) {}
