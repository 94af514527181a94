package contrastlab.runtime.recipe.preset;

import contrastlab.api.augment.AugmentPreset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * contrastive2021's colour-strength sweep ({@code color} mode): random-resized-crop with scale (0.08, 1),
 * then colour jitter of strength s applied with probability 1.0 (the current code; the old main.py used
 * 0.8), then normalisation. No blur, grayscale or flip.
 */
public final class ColorStrengthPreset implements AugmentPreset<ColorStrengthParameters> {

    @Override
    public Set<String> names() {
        return Set.of("color");
    }

    @Override
    public String description() {
        return "contrastive2021 colour-strength sweep: crop 0.08-1 + colour jitter of strength s with p 1; "
                + "keys strength (required), size, mean, std";
    }

    @Override
    public Class<ColorStrengthParameters> parametersType() {
        return ColorStrengthParameters.class;
    }

    @Override
    public ColorStrengthParameters defaults() {
        return ColorStrengthParameters.defaults();
    }

    @Override
    public List<Map<String, Object>> expand(String name, ColorStrengthParameters p) {
        return List.of(Steps.crop(p.size(), 0.08),
                Steps.step("color-jitter", "strength", p.strength(), "p", 1.0),
                Steps.normalize(p.mean(), p.std()));
    }
}
