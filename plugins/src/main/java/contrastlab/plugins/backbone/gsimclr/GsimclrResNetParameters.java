package contrastlab.plugins.backbone.gsimclr;

/**
 * Parameters of the {@code gsimclr-resnet} backbone.
 *
 * @param blocksPerGroup identity blocks after each group's projection block (keras-idiomatic-programmer's
 *     {@code n_blocks}; 3 is G-SimCLR's depth-38 net, {@code n = 4})
 * @param width the stem's channels and the first group's bottleneck width (16); the groups' bottleneck
 *     widths are width x {1, 4, 8} and their outputs width x {4, 8, 16}, so the features have 16 x width
 *     dimensions
 */
public record GsimclrResNetParameters(int blocksPerGroup, int width) {

    public GsimclrResNetParameters {
        if (blocksPerGroup < 0) {
            throw new IllegalArgumentException("gsimclr-resnet blocksPerGroup must be 0 or more, got " + blocksPerGroup);
        }
        if (width <= 0) {
            throw new IllegalArgumentException("gsimclr-resnet width must be positive, got " + width);
        }
    }

    /** Size of the pooled feature vector. */
    int featureDim() {
        return 16 * width;
    }
}
