package contrastlab.runtime.recipe.preset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The explicit steps the contrastive2021 presets are made of (lightly 1.0.8's SimCLR collate order). */
final class Steps {

    private Steps() {}

    static Map<String, Object> step(String type, Object... keyValues) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("type", type);
        for (int i = 0; i < keyValues.length; i += 2) {
            step.put((String) keyValues[i], keyValues[i + 1]);
        }
        return step;
    }

    /** RandomResizedCrop(size, scale=(minScale, 1), ratio=(3/4, 4/3), bilinear). */
    static Map<String, Object> crop(int size, double minScale) {
        return step("random-resized-crop", "size", size, "scale", List.of(minScale, 1.0),
                "ratio", List.of(3.0 / 4.0, 4.0 / 3.0));
    }

    static Map<String, Object> normalize(List<Double> mean, List<Double> std) {
        return step("normalize", "mean", mean, "std", std);
    }
}
