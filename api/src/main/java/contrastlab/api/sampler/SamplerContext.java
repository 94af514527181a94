package contrastlab.api.sampler;

import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.stage.StageOutputs;

/**
 * What a sampler orders.
 *
 * @param dataset the training split
 * @param batchSize images per batch
 * @param seed the run's seed; a sampler must derive each epoch's order from (seed, epoch) alone, so
 *     that a resumed run sees the same batches
 * @param stages outputs of the stages that ran before training (e.g. pseudo-labels), {@link
 *     StageOutputs#NONE} in a single-stage recipe
 */
public record SamplerContext(ImageDataset dataset, int batchSize, long seed, StageOutputs stages) {

    /** A context without earlier stages. */
    public SamplerContext(ImageDataset dataset, int batchSize, long seed) {
        this(dataset, batchSize, seed, StageOutputs.NONE);
    }
}
