package contrastlab.plugins.augment.blur;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.AugmentationPlugin;
import contrastlab.plugins.augment.Checks;

/** {@code gaussian-blur}: torchvision's GaussianBlur (tensor path) with its own apply probability p. */
public final class GaussianBlurPlugin implements AugmentationPlugin<GaussianBlurParameters> {

    @Override
    public String name() {
        return GaussianBlur.STEP;
    }

    @Override
    public Class<GaussianBlurParameters> parametersType() {
        return GaussianBlurParameters.class;
    }

    @Override
    public GaussianBlurParameters defaults() {
        return GaussianBlurParameters.defaults();
    }

    @Override
    public String description() {
        return "Gaussian blur, sigma ~ U(sigma), reflect padding, with probability p (torchvision GaussianBlur)";
    }

    @Override
    public Augmentation create(GaussianBlurParameters parameters) {
        double[] sigma = Checks.pair(GaussianBlur.STEP, "sigma", parameters.sigma());
        return new GaussianBlur(parameters.kernelSize(), parameters.kernelFraction(), sigma[0], sigma[1], parameters.p());
    }
}
