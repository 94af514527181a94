package contrastlab.plugins.method.barlowtwins;

import contrastlab.plugins.method.common.MlpHead;
import java.util.List;

/**
 * Parameters of the {@code barlow-twins} method.
 *
 * @param projector output size of each Linear layer of the projector; every layer is followed by a
 *     BatchNorm and every layer but the last by a ReLU: {@code [2048, 2048, 2048]} on ResNet-18 is
 *     contrastive2021's 512-2048-2048-2048 head (lightly's 3-layer SimSiam projector)
 * @param lambda weight of the off-diagonal (redundancy) terms of the cross-correlation
 * @param scale factor on the whole loss: 1 as in lightly/contrastive2021; solo-learn's
 *     {@code scale_loss} (e.g. 0.025 or 0.1) is the same factor
 */
public record BarlowTwinsParameters(List<Integer> projector, double lambda, double scale) {

    public BarlowTwinsParameters {
        if (projector != null) {
            MlpHead.validate("barlow-twins projector", projector);
            projector = List.copyOf(projector);
        }
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("barlow-twins lambda must be >= 0, got " + lambda);
        }
        if (!(scale > 0)) {
            throw new IllegalArgumentException("barlow-twins scale must be positive, got " + scale);
        }
    }
}
