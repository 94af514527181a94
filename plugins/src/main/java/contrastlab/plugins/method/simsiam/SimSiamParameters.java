package contrastlab.plugins.method.simsiam;

import contrastlab.plugins.method.common.MlpHead;
import java.util.List;

/**
 * Parameters of the {@code simsiam} method.
 *
 * @param projector output size of each Linear layer of the projector, each followed by a BatchNorm
 *     and all but the last by a ReLU: {@code [2048, 2048]} is contrastive2021's 512-2048-2048
 *     (lightly's SimSiam with {@code num_mlp_layers=2})
 * @param predictor output size of each Linear layer of the predictor, BatchNorm and ReLU after each
 *     hidden layer, none after the last: {@code [512, 2048]} is the 2048-512-2048 bottleneck; its last
 *     size must equal the projector's
 */
public record SimSiamParameters(List<Integer> projector, List<Integer> predictor) {

    public SimSiamParameters {
        if (projector != null) {
            MlpHead.validate("simsiam projector", projector);
            projector = List.copyOf(projector);
        }
        if (predictor != null) {
            MlpHead.validate("simsiam predictor", predictor);
            predictor = List.copyOf(predictor);
        }
        if (projector != null && predictor != null
                && !projector.get(projector.size() - 1).equals(predictor.get(predictor.size() - 1))) {
            throw new IllegalArgumentException("simsiam predictor must end at the projector's size "
                    + projector.get(projector.size() - 1) + ", got " + predictor);
        }
    }
}
