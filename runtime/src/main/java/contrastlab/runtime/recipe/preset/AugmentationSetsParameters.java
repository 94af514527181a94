package contrastlab.runtime.recipe.preset;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;

/**
 * Keys of the contrastive2021 set presets ({@code abcde}, {@code abcd}, ..., {@code a}).
 *
 * @param size output side in pixels; default 32 (CIFAR)
 * @param mean per-channel mean of the final normalisation; default ImageNet's [0.485, 0.456, 0.406], which is
 *             what contrastive2021 (lightly 1.0.8) normalises CIFAR with
 * @param std  per-channel standard deviation; default ImageNet's [0.229, 0.224, 0.225]
 */
public record AugmentationSetsParameters(
        int size,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Double> mean,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Double> std) {

    public static final List<Double> IMAGENET_MEAN = List.of(0.485, 0.456, 0.406);
    public static final List<Double> IMAGENET_STD = List.of(0.229, 0.224, 0.225);

    public AugmentationSetsParameters {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
    }

    public static AugmentationSetsParameters defaults() {
        return new AugmentationSetsParameters(32, IMAGENET_MEAN, IMAGENET_STD);
    }
}
