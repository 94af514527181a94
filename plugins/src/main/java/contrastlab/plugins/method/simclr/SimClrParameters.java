package contrastlab.plugins.method.simclr;

import contrastlab.plugins.method.common.MlpHead;
import java.util.List;

/**
 * Parameters of the {@code simclr} method.
 *
 * @param temperature the NT-Xent temperature tau
 * @param projector output size of each Linear layer of the projection head, whose input is the
 *     backbone's feature vector: {@code [512, 128]} on a 512-d ResNet-18 is
 *     Linear(512,512)-ReLU-Linear(512,128) (contrastive2021); on ResNet-50 write {@code [2048, 128]}
 * @param projectorBatchNorm a BatchNorm after each hidden Linear of the projector (before the ReLU)
 * @param jointViews encode all views as one batch, so BatchNorm normalises over every view (the
 *     original SimCLR's global BN) and each step runs the backbone once; false encodes each view on
 *     its own, as lightly and contrastive2021 do
 */
public record SimClrParameters(double temperature, List<Integer> projector, boolean projectorBatchNorm,
        boolean jointViews) {

    public SimClrParameters {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("simclr temperature must be positive, got " + temperature);
        }
        if (projector != null) {
            MlpHead.validate("simclr projector", projector);
            projector = List.copyOf(projector);
        }
    }
}
