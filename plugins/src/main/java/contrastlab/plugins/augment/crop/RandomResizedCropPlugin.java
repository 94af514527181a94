package contrastlab.plugins.augment.crop;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.AugmentationPlugin;
import contrastlab.plugins.augment.Checks;
import java.util.List;

/** {@code random-resized-crop}: torchvision's RandomResizedCrop with bilinear tensor resizing. */
public final class RandomResizedCropPlugin implements AugmentationPlugin<RandomResizedCropParameters> {

    @Override
    public String name() {
        return RandomResizedCrop.STEP;
    }

    @Override
    public Class<RandomResizedCropParameters> parametersType() {
        return RandomResizedCropParameters.class;
    }

    @Override
    public RandomResizedCropParameters defaults() {
        return RandomResizedCropParameters.defaults();
    }

    @Override
    public String description() {
        return "random area/aspect crop resized bilinearly to `size` (torchvision RandomResizedCrop, tensor path)";
    }

    @Override
    public Augmentation create(RandomResizedCropParameters parameters) {
        List<Integer> size = Checks.required(RandomResizedCrop.STEP, "size", parameters.size());
        if (size.isEmpty() || size.size() > 2 || size.get(0) == null || size.get(size.size() - 1) == null) {
            throw Checks.fail(RandomResizedCrop.STEP, "size", "must be one number or [height, width], got " + size);
        }
        double[] scale = Checks.pair(RandomResizedCrop.STEP, "scale", parameters.scale());
        double[] ratio = Checks.pair(RandomResizedCrop.STEP, "ratio", parameters.ratio());
        return new RandomResizedCrop(size.get(0), size.get(size.size() - 1), scale[0], scale[1], ratio[0], ratio[1]);
    }
}
