package contrastlab.api.sampler;

import contrastlab.api.dataset.ImageDataset;

/**
 * What a sampler orders.
 *
 * @param dataset the training split
 * @param batchSize images per batch
 * @param seed the run's seed; a sampler must derive each epoch's order from (seed, epoch) alone, so
 *     that a resumed run sees the same batches
 */
public record SamplerContext(ImageDataset dataset, int batchSize, long seed) {}
