package contrastlab.plugins.augment.color;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.AugmentationPlugin;

/** {@code grayscale}: torchvision's RandomGrayscale (tensor luma weights 0.2989/0.587/0.114). */
public final class GrayscalePlugin implements AugmentationPlugin<GrayscaleParameters> {

    @Override
    public String name() {
        return Grayscale.STEP;
    }

    @Override
    public Class<GrayscaleParameters> parametersType() {
        return GrayscaleParameters.class;
    }

    @Override
    public GrayscaleParameters defaults() {
        return GrayscaleParameters.defaults();
    }

    @Override
    public String description() {
        return "converts to luma with probability p, keeping the channel count (torchvision RandomGrayscale)";
    }

    @Override
    public Augmentation create(GrayscaleParameters parameters) {
        return new Grayscale(parameters.numOutputChannels(), parameters.p());
    }
}
