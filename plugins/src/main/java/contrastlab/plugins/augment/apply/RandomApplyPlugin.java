package contrastlab.plugins.augment.apply;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.CompositeAugmentationPlugin;
import contrastlab.plugins.augment.Checks;
import contrastlab.plugins.augment.Draws;
import java.util.List;

/**
 * {@code random-apply}: torchvision's {@code RandomApply(transforms, p)} — one uniform draw, then either
 * all inner steps in order or none. {@code {type: random-apply, p: 0.8, transforms: [{type:
 * color-jitter, strength: 0.5}]}} draws exactly as {@code {type: color-jitter, strength: 0.5, p: 0.8}}.
 */
public final class RandomApplyPlugin implements CompositeAugmentationPlugin<RandomApplyParameters> {

    @Override
    public String name() {
        return "random-apply";
    }

    @Override
    public Class<RandomApplyParameters> parametersType() {
        return RandomApplyParameters.class;
    }

    @Override
    public RandomApplyParameters defaults() {
        return RandomApplyParameters.defaults();
    }

    @Override
    public String description() {
        return "applies the steps under 'transforms' with probability p, else none (torchvision RandomApply)";
    }

    @Override
    public Augmentation create(RandomApplyParameters parameters, List<Augmentation> steps) {
        double p = Checks.probability(name(), "p", Checks.required(name(), "p", parameters.p()));
        Augmentation inner = Augmentation.chain(steps);
        return (image, random) -> Draws.chance(random, p) ? inner.apply(image, random) : image;
    }
}
