package contrastlab.plugins.backbone.resnet;

import java.util.List;

/**
 * Parameters of the {@code resnet} backbone.
 *
 * @param depth 18 or 34 (BasicBlock) or 50 (Bottleneck, expansion 4)
 * @param stem {@code cifar} (conv3x3 stride 1, no max-pool) or {@code imagenet} (conv7x7 stride 2
 *     and max-pool 3x3 stride 2)
 * @param width channels of the stem and of the first stage; the stages have width x {1, 2, 4, 8}
 * @param stemRelu whether the stem applies a ReLU after its BatchNorm; {@code false} reproduces
 *     lightly's ResNetGenerator as used by contrastive2021, whose stem ReLU is lost
 * @param batchNormSplits 1 for ordinary BatchNorm; k > 1 makes every BatchNorm a SplitBatchNorm that
 *     normalises each of k groups of the batch (image n in group n mod k) with its own statistics
 *     in training and uses the group-averaged running statistics in inference — MoCo's guard
 *     against the query and key sharing batch statistics (contrastive2021 uses 8 for MoCo); the
 *     training batch per view must be a multiple of k
 * @param exits one flag per stage boundary (after stage 1, 2, 3) for a SelfCon sub-network exit
 *     there, e.g. {@code [false, true, false]} exits after stage 2; empty or all false: no exits
 * @param exitSize the sub-network of an exit, as SelfCon's {@code selfcon_size}: {@code fc} is global
 *     average pooling then Linear(stage channels, feature size); {@code same} is a non-shared copy of
 *     every remaining stage with the same unit counts, then pooling; {@code small} the same with
 *     half the units per stage (rounded down, as {@code int(n/2)})
 */
public record ResNetParameters(int depth, String stem, int width, boolean stemRelu, int batchNormSplits,
        List<Boolean> exits, String exitSize) {

    static final List<Integer> DEPTHS = List.of(18, 34, 50);
    static final String CIFAR = "cifar";
    static final String IMAGENET = "imagenet";
    static final List<String> EXIT_SIZES = List.of("fc", "small", "same");
    static final String FC = "fc";
    static final String SMALL = "small";
    /** Stage boundaries an exit can follow: after stages 1, 2 and 3. */
    static final int EXIT_POSITIONS = 3;

    public ResNetParameters {
        if (!DEPTHS.contains(depth)) {
            throw new IllegalArgumentException("resnet depth " + depth + " is not supported; valid: " + DEPTHS);
        }
        if (!CIFAR.equals(stem) && !IMAGENET.equals(stem)) {
            throw new IllegalArgumentException("resnet stem '" + stem + "' is not valid; valid: " + CIFAR + ", " + IMAGENET);
        }
        if (width <= 0) {
            throw new IllegalArgumentException("resnet width must be positive, got " + width);
        }
        if (batchNormSplits < 1) {
            throw new IllegalArgumentException("resnet batchNormSplits must be at least 1, got " + batchNormSplits);
        }
        if (exits == null || (!exits.isEmpty() && exits.size() != EXIT_POSITIONS) || exits.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("resnet exits needs one true/false per stage boundary (after stages "
                    + "1, 2, 3), e.g. [false, true, false]; got " + exits);
        }
        if (!EXIT_SIZES.contains(exitSize)) {
            throw new IllegalArgumentException("resnet exitSize '" + exitSize + "' is not valid; valid: "
                    + String.join(", ", EXIT_SIZES));
        }
        exits = List.copyOf(exits);
    }

    /** No exits. */
    public ResNetParameters(int depth, String stem, int width, boolean stemRelu, int batchNormSplits) {
        this(depth, stem, width, stemRelu, batchNormSplits, List.of(false, false, false), FC);
    }

    /** Ordinary BatchNorm (one split), no exits. */
    public ResNetParameters(int depth, String stem, int width, boolean stemRelu) {
        this(depth, stem, width, stemRelu, 1);
    }

    /** Whether the stages use Bottleneck units. */
    boolean bottleneck() {
        return depth == 50;
    }

    /** Whether an exit follows stage {@code stage} (zero-based). */
    boolean exitAfter(int stage) {
        return !exits.isEmpty() && stage < EXIT_POSITIONS && exits.get(stage);
    }

    /** Residual units per stage. */
    int[] unitsPerStage() {
        return depth == 18 ? new int[] {2, 2, 2, 2} : new int[] {3, 4, 6, 3};
    }
}
