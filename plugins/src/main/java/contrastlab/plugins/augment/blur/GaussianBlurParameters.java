package contrastlab.plugins.augment.blur;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;

/**
 * Parameters of {@code gaussian-blur}; give exactly one of kernelSize and kernelFraction.
 *
 * @param kernelSize     odd kernel side in pixels; 0 (default) = use kernelFraction
 * @param kernelFraction kernel side as a fraction f of the image height, {@code 2*floor(f*H/2)+1}
 *                       (SimCLR's 10% = 0.1 gives 3 px at 32 px, 9 at 96, 23 at 224); 0 (default) = use kernelSize
 * @param sigma          [lo, hi] range sigma is drawn from uniformly once per call, or one fixed value;
 *                       default [0.1, 2.0]
 * @param p              probability of blurring; default 1.0 (SimCLR uses 0.5)
 */
public record GaussianBlurParameters(
        int kernelSize,
        double kernelFraction,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Double> sigma,
        double p) {

    public static GaussianBlurParameters defaults() {
        return new GaussianBlurParameters(0, 0.0, List.of(0.1, 2.0), 1.0);
    }
}
