package contrastlab.plugins.augment.color;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.AugmentationPlugin;
import contrastlab.plugins.augment.Checks;

/** {@code color-jitter}: torchvision's ColorJitter with its own apply probability p. */
public final class ColorJitterPlugin implements AugmentationPlugin<ColorJitterParameters> {

    @Override
    public String name() {
        return ColorJitter.STEP;
    }

    @Override
    public Class<ColorJitterParameters> parametersType() {
        return ColorJitterParameters.class;
    }

    @Override
    public ColorJitterParameters defaults() {
        return ColorJitterParameters.defaults();
    }

    @Override
    public String description() {
        return "random brightness/contrast/saturation/hue in random order, with probability p (torchvision ColorJitter)";
    }

    @Override
    public Augmentation create(ColorJitterParameters parameters) {
        return build(parameters);
    }

    /** The configured jitter; {@code strength} expands to (0.8s, 0.8s, 0.8s, 0.2s). */
    static ColorJitter build(ColorJitterParameters parameters) {
        if (parameters.strength() != 0.0) {
            if (parameters.brightness() != 0.0 || parameters.contrast() != 0.0
                    || parameters.saturation() != 0.0 || parameters.hue() != 0.0) {
                throw Checks.fail(ColorJitter.STEP, "strength",
                        "cannot be combined with brightness/contrast/saturation/hue; give either strength or the four values");
            }
            return ColorJitter.ofStrength(parameters.strength(), parameters.p());
        }
        return new ColorJitter(parameters.brightness(), parameters.contrast(), parameters.saturation(),
                parameters.hue(), parameters.p());
    }
}
