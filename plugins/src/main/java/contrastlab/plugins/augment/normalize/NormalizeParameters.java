package contrastlab.plugins.augment.normalize;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;

/**
 * Parameters of {@code normalize}.
 *
 * @param mean per-channel mean, or one value for every channel; required
 * @param std  per-channel standard deviation (> 0), or one value for every channel; required
 */
public record NormalizeParameters(
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Double> mean,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Double> std) {

    public static NormalizeParameters defaults() {
        return new NormalizeParameters(null, null);
    }
}
