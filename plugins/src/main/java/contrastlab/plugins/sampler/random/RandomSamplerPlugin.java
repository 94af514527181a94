package contrastlab.plugins.sampler.random;

import contrastlab.api.sampler.Sampler;
import contrastlab.api.sampler.SamplerContext;
import contrastlab.api.sampler.SamplerPlugin;

/** The {@code random} sampler: reshuffles the whole training split every epoch. */
public final class RandomSamplerPlugin implements SamplerPlugin<RandomSamplerParameters> {

    @Override
    public String name() {
        return "random";
    }

    @Override
    public Class<RandomSamplerParameters> parametersType() {
        return RandomSamplerParameters.class;
    }

    @Override
    public RandomSamplerParameters defaults() {
        return new RandomSamplerParameters(true);
    }

    @Override
    public String description() {
        return "uniform reshuffle every epoch from (seed, epoch); drops the incomplete last batch by default";
    }

    @Override
    public Sampler create(RandomSamplerParameters parameters, SamplerContext context) {
        int size = context.dataset().size();
        int batchSize = context.batchSize();
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        if (parameters.dropLast() && size < batchSize) {
            throw new IllegalArgumentException("the training split has " + size + " images, fewer than one batch of "
                    + batchSize + "; lower batchSize or set sampler.dropLast: false");
        }
        if (size == 0) {
            throw new IllegalArgumentException("the training split is empty");
        }
        return new RandomSampler(size, batchSize, context.seed(), parameters.dropLast());
    }
}
