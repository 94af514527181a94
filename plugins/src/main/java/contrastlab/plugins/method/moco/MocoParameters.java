package contrastlab.plugins.method.moco;

import contrastlab.plugins.method.common.MlpHead;
import java.util.List;

/**
 * Parameters of the {@code moco} method (MoCo v2 as contrastive2021 runs it on lightly 1.0.8).
 *
 * @param temperature the InfoNCE temperature tau
 * @param projector output size of each Linear layer of the projection head (ReLU between, no
 *     BatchNorm): {@code [512, 128]} on ResNet-18 is Linear(512,512)-ReLU-Linear(512,128)
 * @param momentum m of the key encoder's update {@code key <- m key + (1 - m) query}
 * @param momentumUpdates how many such updates a step makes: contrastive2021 calls the model twice
 *     per step (once per direction of the symmetric loss) and lightly updates at every call, so 2;
 *     the MoCo paper updates once per step, so 1. The updates are applied together after the
 *     optimizer step as {@code key <- m^u key + (1 - m^u) query}, the same arithmetic as u updates
 *     with the same query weights
 * @param queueSize number of negative keys kept (lightly's {@code memory_bank_size})
 * @param shuffleKeys encode the keys in a random order of the batch and restore it afterwards
 *     (lightly's batch shuffle), so SplitBatchNorm groups of the key encoder hold other images than
 *     the query's
 * @param enqueueEachDirection enqueue each direction's keys right after its loss, so the second
 *     direction's negatives already hold the first direction's keys (lightly's NTXentLoss with a
 *     memory bank, called once per direction, as in contrastive2021); false scores both directions
 *     against the same queue and enqueues both key batches after them (the MoCo CIFAR-10 demo)
 * @param symmetric the loss {@code 1/2 (L(q0, k1) + L(q1, k0))}; false uses {@code L(q0, k1)} only
 */
public record MocoParameters(double temperature, List<Integer> projector, double momentum, int momentumUpdates,
        int queueSize, boolean shuffleKeys, boolean enqueueEachDirection, boolean symmetric) {

    public MocoParameters {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("moco temperature must be positive, got " + temperature);
        }
        if (projector != null) {
            MlpHead.validate("moco projector", projector);
            projector = List.copyOf(projector);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("moco momentum must be in [0, 1], got " + momentum);
        }
        if (momentumUpdates < 1) {
            throw new IllegalArgumentException("moco momentumUpdates must be at least 1, got " + momentumUpdates);
        }
        if (queueSize < 1) {
            throw new IllegalArgumentException("moco queueSize must be at least 1, got " + queueSize);
        }
    }
}
