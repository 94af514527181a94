package contrastlab.plugins.sampler.random;

/**
 * Parameters of the {@code random} sampler.
 *
 * @param dropLast drop the last batch of an epoch when it is incomplete
 */
public record RandomSamplerParameters(boolean dropLast) {}
