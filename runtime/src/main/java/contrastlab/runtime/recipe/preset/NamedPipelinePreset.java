package contrastlab.runtime.recipe.preset;

import contrastlab.api.augment.AugmentPreset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The view pipelines of the other seed papers, as their code writes them (shared reference §1, §3, §4).
 * Every preset runs torchvision's float tensor path; where the original differs in a way no step here
 * reproduces, {@link #description()} says so.
 */
public final class NamedPipelinePreset implements AugmentPreset<PipelineParameters> {

    @Override
    public Set<String> names() {
        return Set.of("scatsimclr", "selfcon", "gsimclr");
    }

    @Override
    public String description() {
        return "the papers' pipelines: scatsimclr (crop 0.08-1, flip, jitter s=1 p .8, gray .2, blur 5 % p .5),"
                + " selfcon (crop 0.2-1, flip, jitter s=.5 p .8, gray .2), gsimclr (flip, jitter s=.2 p .5; no crop,"
                + " no blur; pair it with data.sharedDraws: true); keys size, mean, std";
    }

    @Override
    public Class<PipelineParameters> parametersType() {
        return PipelineParameters.class;
    }

    /** Defaults: 32 px and ImageNet statistics; each preset states its paper's in the README. */
    @Override
    public PipelineParameters defaults() {
        return new PipelineParameters(32, AugmentationSetsParameters.IMAGENET_MEAN, AugmentationSetsParameters.IMAGENET_STD);
    }

    @Override
    public List<Map<String, Object>> expand(String name, PipelineParameters p) {
        List<Map<String, Object>> steps = new ArrayList<>();
        switch (name) {
            case "scatsimclr" -> {
                // src/data/augmentor.py: the Resize to the input size is the identity on dataset-sized
                // images; Lanczos resampling becomes bilinear; OpenCV blur kernel 2*int(0.05 H)+1
                steps.add(Steps.crop(p.size(), 0.08));
                steps.add(Steps.step("horizontal-flip", "p", 0.5));
                steps.add(Steps.step("color-jitter", "strength", 1.0, "p", 0.8));
                steps.add(Steps.step("grayscale", "p", 0.2));
                steps.add(Steps.step("gaussian-blur", "kernelSize", 2 * (int) (0.05 * p.size()) + 1, "sigma",
                        List.of(0.1, 2.0), "p", 0.5));
            }
            case "selfcon" -> {
                // main_represent.py: RandomResizedCrop(scale 0.2-1), flip, RandomApply(ColorJitter(.4,.4,.4,.1), .8), gray .2
                steps.add(Steps.crop(p.size(), 0.2));
                steps.add(Steps.step("horizontal-flip", "p", 0.5));
                steps.add(Steps.step("color-jitter", "strength", 0.5, "p", 0.8));
                steps.add(Steps.step("grayscale", "p", 0.2));
            }
            case "gsimclr" -> {
                // CustomAugment: flip .5, colour jitter s = 0.2 with p .5; its "colour drop" returns its
                // input (a bug) and is left out; there is no crop and no blur
                steps.add(Steps.step("horizontal-flip", "p", 0.5));
                steps.add(Steps.step("color-jitter", "strength", 0.2, "p", 0.5));
            }
            default -> throw new IllegalArgumentException("unknown pipeline " + name);
        }
        if (!p.mean().isEmpty()) {
            steps.add(Steps.normalize(p.mean(), p.std()));
        }
        return steps;
    }
}
