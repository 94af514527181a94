package contrastlab.plugins.augment.flip;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.AugmentationPlugin;

/** {@code horizontal-flip}: torchvision's RandomHorizontalFlip. */
public final class HorizontalFlipPlugin implements AugmentationPlugin<HorizontalFlipParameters> {

    @Override
    public String name() {
        return HorizontalFlip.STEP;
    }

    @Override
    public Class<HorizontalFlipParameters> parametersType() {
        return HorizontalFlipParameters.class;
    }

    @Override
    public HorizontalFlipParameters defaults() {
        return HorizontalFlipParameters.defaults();
    }

    @Override
    public String description() {
        return "mirrors the image left-right with probability p (torchvision RandomHorizontalFlip)";
    }

    @Override
    public Augmentation create(HorizontalFlipParameters parameters) {
        return new HorizontalFlip(parameters.p());
    }
}
