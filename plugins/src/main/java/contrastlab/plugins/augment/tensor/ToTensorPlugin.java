package contrastlab.plugins.augment.tensor;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.AugmentationPlugin;

/** {@code to-tensor}: the 8-bit quantisation torchvision's PIL path applies before {@code ToTensor}. */
public final class ToTensorPlugin implements AugmentationPlugin<ToTensorParameters> {

    private static final ToTensor TO_TENSOR = new ToTensor();

    @Override
    public String name() {
        return ToTensor.STEP;
    }

    @Override
    public Class<ToTensorParameters> parametersType() {
        return ToTensorParameters.class;
    }

    @Override
    public ToTensorParameters defaults() {
        return new ToTensorParameters();
    }

    @Override
    public String description() {
        return "rounds to 8-bit levels k/255 as a PIL image is when torchvision's ToTensor reads it";
    }

    @Override
    public Augmentation create(ToTensorParameters parameters) {
        return TO_TENSOR;
    }
}
