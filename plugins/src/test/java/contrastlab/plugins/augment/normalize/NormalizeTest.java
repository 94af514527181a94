package contrastlab.plugins.augment.normalize;

import static contrastlab.plugins.augment.AugmentTesting.assertPixels;
import static contrastlab.plugins.augment.AugmentTesting.assertRejects;
import static contrastlab.plugins.augment.AugmentTesting.randomImage;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormalizeTest {

    private static final NormalizePlugin PLUGIN = new NormalizePlugin();

    @Test
    void subtractsTheMeanAndDividesByTheStdPerChannel() {
        Image image = randomImage(3, 2, 3, 51);
        float[] in = image.pixels().clone();
        double[] mean = {0.4914, 0.4822, 0.4465};
        double[] std = {0.247, 0.243, 0.261};
        Augmentation normalize = PLUGIN.create(new NormalizeParameters(
                Arrays.stream(mean).boxed().toList(), Arrays.stream(std).boxed().toList()));
        normalize.apply(image, new SplittableRandom(1));
        double[] expected = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            int c = i / 6;
            expected[i] = (in[i] - mean[c]) / std[c];
        }
        assertPixels(expected, image.pixels(), 1e-5);
    }

    @Test
    void aSingleValueAppliesToEveryChannel() {
        Image image = randomImage(3, 2, 2, 52);
        float[] in = image.pixels().clone();
        PLUGIN.create(new NormalizeParameters(List.of(0.5), List.of(0.25))).apply(image, new SplittableRandom(1));
        double[] expected = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            expected[i] = (in[i] - 0.5) / 0.25;
        }
        assertPixels(expected, image.pixels(), 1e-6);
    }

    @Test
    void rejectsBadParameters() {
        assertRejects(() -> PLUGIN.create(PLUGIN.defaults()), "normalize", "mean", "required");
        assertRejects(() -> PLUGIN.create(new NormalizeParameters(List.of(0.5), null)), "std", "required");
        assertRejects(() -> PLUGIN.create(new NormalizeParameters(List.of(0.5), List.of(0.0))), "std");
        assertRejects(() -> PLUGIN.create(new NormalizeParameters(List.of(), List.of(1.0))), "mean", "empty");
        Augmentation twoChannels = PLUGIN.create(new NormalizeParameters(List.of(0.5, 0.5), List.of(0.2)));
        assertRejects(() -> twoChannels.apply(randomImage(3, 2, 2, 1), new SplittableRandom(1)), "mean", "3-channel");
    }
}
