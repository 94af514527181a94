package contrastlab.runtime.recipe.preset;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;

/**
 * Keys of the papers' named pipelines ({@code scatsimclr}, {@code selfcon}, {@code gsimclr}).
 *
 * @param size output side in pixels of the crop (not used by gsimclr, which does not crop); default 32
 * @param mean per-channel mean of the final normalisation; empty = no normalisation; default: the paper's
 * @param std  per-channel standard deviation of the final normalisation; default: the paper's
 */
public record PipelineParameters(
        int size,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Double> mean,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Double> std) {

    public PipelineParameters {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        if (mean.size() != std.size()) {
            throw new IllegalArgumentException("mean and std need the same number of values, got " + mean.size()
                    + " and " + std.size());
        }
    }
}
