package contrastlab.runtime.recipe.preset;

import contrastlab.api.augment.AugmentPreset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * contrastive2021's augmentation sets (Huang, Yi, Zhao 2021, "richer augmentations" table): any non-empty
 * subset of the letters a..e written in that order, e.g. {@code abcde}, {@code abcd}, {@code ab}, {@code a}.
 * <ul>
 * <li>(a) crop: random-resized-crop with scale (0.08, 1). Off means min_scale = 1, as in the original: the
 *     crop step stays, drawing scale 1 (in practice the whole image).</li>
 * <li>(b) blur, p 0.5: lightly draws a kernel around 0.1 x size and calls PIL's GaussianBlur with radius
 *     int(k/2), which is 1 (a Gaussian of standard deviation 1) at every size up to 33 px (CIFAR, Fashion-MNIST).
 *     Here: sigma = max(1, int(0.05 x size)) fixed, kernel 2 ceil(3 sigma) + 1 (7 px at sigma 1, covering
 *     PIL's untruncated Gaussian to 3 sigma).</li>
 * <li>(c) grayscale, p 0.2.</li>
 * <li>(d) colour jitter, strength 0.5 = ColorJitter(0.4, 0.4, 0.4, 0.1), p 0.8.</li>
 * <li>(e) horizontal flip, p 0.5.</li>
 * </ul>
 * Order of the steps: crop, flip, jitter, grayscale, blur, normalize (lightly's collate order); a set that
 * is off contributes no step (probability 0 in the original).
 */
public final class AugmentationSetsPreset implements AugmentPreset<AugmentationSetsParameters> {

    static final String LETTERS = "abcde";

    private static final Set<String> NAMES = subsets();

    private static Set<String> subsets() {
        Set<String> names = new LinkedHashSet<>();
        // every non-empty subsequence of "abcde", largest first
        for (int mask = 31; mask > 0; mask--) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < LETTERS.length(); i++) {
                if ((mask & (1 << (LETTERS.length() - 1 - i))) != 0) {
                    sb.append(LETTERS.charAt(i));
                }
            }
            names.add(sb.toString());
        }
        return Set.copyOf(names);
    }

    @Override
    public Set<String> names() {
        return NAMES;
    }

    @Override
    public String namesHint() {
        return "any of the letters abcde in that order (abcde, abcd, abc, ab, a, ...)";
    }

    @Override
    public String description() {
        return "contrastive2021 augmentation sets: (a) crop 0.08-1 (off: scale 1), (b) blur p 0.5, "
                + "(c) grayscale p 0.2, (d) colour jitter s 0.5 p 0.8, (e) flip p 0.5; keys size, mean, std";
    }

    @Override
    public Class<AugmentationSetsParameters> parametersType() {
        return AugmentationSetsParameters.class;
    }

    @Override
    public AugmentationSetsParameters defaults() {
        return AugmentationSetsParameters.defaults();
    }

    @Override
    public List<Map<String, Object>> expand(String name, AugmentationSetsParameters p) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("not a contrastive2021 augmentation set: " + name);
        }
        List<Map<String, Object>> steps = new ArrayList<>();
        steps.add(Steps.crop(p.size(), name.contains("a") ? 0.08 : 1.0));
        if (name.contains("e")) {
            steps.add(Steps.step("horizontal-flip", "p", 0.5));
        }
        if (name.contains("d")) {
            steps.add(Steps.step("color-jitter", "strength", 0.5, "p", 0.8));
        }
        if (name.contains("c")) {
            steps.add(Steps.step("grayscale", "p", 0.2));
        }
        if (name.contains("b")) {
            double sigma = blurSigma(p.size());
            steps.add(Steps.step("gaussian-blur", "kernelSize", 2 * (int) Math.ceil(3 * sigma) + 1,
                    "sigma", List.of(sigma), "p", 0.5));
        }
        steps.add(Steps.normalize(p.mean(), p.std()));
        return steps;
    }

    /** PIL's blur radius (its Gaussian's standard deviation) at lightly's mean kernel 0.1 x size. */
    static double blurSigma(int size) {
        return Math.max(1, (int) (0.1 * size / 2));
    }
}
