package contrastlab.plugins.augment.color;

import contrastlab.api.util.Seeds;
import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import contrastlab.plugins.augment.Checks;
import contrastlab.plugins.augment.Draws;
import java.util.random.RandomGenerator;

/**
 * torchvision's {@code ColorJitter(brightness, contrast, saturation, hue)}, optionally wrapped as
 * {@code RandomApply([...], p)}. Brightness, contrast and saturation factors are drawn from
 * [max(0, 1 - v), 1 + v], the hue shift from [-hue, hue]; an op whose value is 0 is skipped. The four
 * ops run in a fresh uniformly random order on every call, each seeing the clamped output of the last.
 */
public final class ColorJitter implements Augmentation {

    static final String STEP = "color-jitter";

    private final double brightness;
    private final double contrast;
    private final double saturation;
    private final double hue;
    private final double p;

    public ColorJitter(double brightness, double contrast, double saturation, double hue, double p) {
        this.brightness = Checks.nonNegative(STEP, "brightness", brightness);
        this.contrast = Checks.nonNegative(STEP, "contrast", contrast);
        this.saturation = Checks.nonNegative(STEP, "saturation", saturation);
        if (!(hue >= 0.0 && hue <= 0.5)) {
            throw Checks.fail(STEP, "hue", "must be in [0, 0.5], got " + hue);
        }
        this.hue = hue;
        this.p = Checks.probability(STEP, "p", p);
    }

    /** SimCLR's colour strength s (as lightly and google-research/simclr use it): (0.8s, 0.8s, 0.8s, 0.2s). */
    public static ColorJitter ofStrength(double strength, double p) {
        Checks.nonNegative(STEP, "strength", strength);
        if (0.2 * strength > 0.5) {
            throw Checks.fail(STEP, "strength", "must be <= 2.5 (the hue shift 0.2*strength must stay <= 0.5), got "
                    + strength);
        }
        return new ColorJitter(0.8 * strength, 0.8 * strength, 0.8 * strength, 0.2 * strength, p);
    }

    @Override
    public Image apply(Image image, RandomGenerator random) {
        ColorOps.requireGrayOrRgb(image);
        if (Draws.chance(random, p)) {
            applyDraw(image, draw(random));
        }
        return image;
    }

    /** torchvision's {@code ColorJitter.get_params}: a random permutation, then one factor per enabled op. */
    JitterDraw draw(RandomGenerator random) {
        int[] order = {0, 1, 2, 3};
        Seeds.shuffle(order, random);
        return new JitterDraw(order,
                factor(random, brightness),
                factor(random, contrast),
                factor(random, saturation),
                hue == 0.0 ? Double.NaN : Draws.uniform(random, -hue, hue));
    }

    static void applyDraw(Image image, JitterDraw draw) {
        for (int op : draw.order()) {
            switch (op) {
                case 0 -> {
                    if (!Double.isNaN(draw.brightness())) {
                        ColorOps.brightness(image, draw.brightness());
                    }
                }
                case 1 -> {
                    if (!Double.isNaN(draw.contrast())) {
                        ColorOps.contrast(image, draw.contrast());
                    }
                }
                case 2 -> {
                    if (!Double.isNaN(draw.saturation())) {
                        ColorOps.saturation(image, draw.saturation());
                    }
                }
                default -> {
                    if (!Double.isNaN(draw.hue())) {
                        ColorOps.hue(image, draw.hue());
                    }
                }
            }
        }
    }

    private static double factor(RandomGenerator random, double v) {
        return v == 0.0 ? Double.NaN : Draws.uniform(random, Math.max(0.0, 1.0 - v), 1.0 + v);
    }

    public double brightness() {
        return brightness;
    }

    public double contrast() {
        return contrast;
    }

    public double saturation() {
        return saturation;
    }

    public double hue() {
        return hue;
    }

    public double p() {
        return p;
    }
}
