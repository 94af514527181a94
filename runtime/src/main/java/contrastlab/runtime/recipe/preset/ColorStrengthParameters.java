package contrastlab.runtime.recipe.preset;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;

/**
 * Keys of the contrastive2021 colour-strength preset ({@code color}).
 *
 * @param strength colour strength s: ColorJitter(0.8s, 0.8s, 0.8s, 0.2s), applied with probability 1; required
 * @param size     output side in pixels; default 32 (CIFAR)
 * @param mean     per-channel mean of the final normalisation; default ImageNet's
 * @param std      per-channel standard deviation; default ImageNet's
 */
public record ColorStrengthParameters(
        Double strength,
        int size,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Double> mean,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Double> std) {

    public ColorStrengthParameters {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
        if (strength != null && !(strength > 0 && strength <= 2.5)) {
            // hue 0.2s must stay within torchvision's |h| <= 0.5
            throw new IllegalArgumentException("strength must be in (0, 2.5], got " + strength);
        }
    }

    public static ColorStrengthParameters defaults() {
        return new ColorStrengthParameters(null, 32, AugmentationSetsParameters.IMAGENET_MEAN,
                AugmentationSetsParameters.IMAGENET_STD);
    }
}
