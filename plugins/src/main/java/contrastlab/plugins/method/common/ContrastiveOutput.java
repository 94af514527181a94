package contrastlab.plugins.method.common;

import ai.djl.ndarray.NDArray;

/**
 * A contrastive loss and what to monitor about it.
 *
 * @param loss the scalar loss, differentiable with respect to the projections
 * @param positiveSimilarity mean cosine similarity of the positive pairs (no gradient)
 * @param negativeSimilarity mean cosine similarity of the negative pairs (no gradient)
 */
public record ContrastiveOutput(NDArray loss, NDArray positiveSimilarity, NDArray negativeSimilarity) {}
