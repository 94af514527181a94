package contrastlab.plugins.augment.crop;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;

/**
 * Parameters of {@code random-resized-crop}.
 *
 * @param size  output size: one number for a square ({@code size: 32}) or {@code [height, width]}; required
 * @param scale range of the crop's area as a fraction of the image's area, drawn uniformly; default [0.08, 1.0]
 * @param ratio range of the crop's aspect ratio (width / height), drawn log-uniformly; default [3/4, 4/3]
 */
public record RandomResizedCropParameters(
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Integer> size,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Double> scale,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Double> ratio) {

    public static RandomResizedCropParameters defaults() {
        return new RandomResizedCropParameters(null, List.of(0.08, 1.0), List.of(3.0 / 4.0, 4.0 / 3.0));
    }
}
