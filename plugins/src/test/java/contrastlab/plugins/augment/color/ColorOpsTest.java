package contrastlab.plugins.augment.color;

import static contrastlab.plugins.augment.AugmentTesting.assertPixels;
import static contrastlab.plugins.augment.AugmentTesting.assertRejects;
import static contrastlab.plugins.augment.AugmentTesting.randomImage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import contrastlab.api.augment.Image;
import org.junit.jupiter.api.Test;

class ColorOpsTest {

    /** 3 channels x 2 rows x 3 columns: saturated colours, a grey, black, white and values near 1. */
    private static Image handMade() {
        return new Image(3, 2, 3, new float[] {
            // R
            1.0f, 0.2f, 0.5f, 0.0f, 1.0f, 0.9f,
            // G
            0.0f, 0.7f, 0.5f, 0.0f, 1.0f, 0.8f,
            // B
            0.0f, 0.4f, 0.5f, 0.0f, 1.0f, 0.1f,
        });
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static double luma(float[] px, int i, int plane) {
        return 0.2989 * px[i] + 0.587 * px[i + plane] + 0.114 * px[i + 2 * plane];
    }

    @Test
    void brightnessScalesAndClamps() {
        for (double f : new double[] {0.0, 0.6, 1.0, 1.3}) {
            Image image = handMade();
            float[] in = image.pixels().clone();
            ColorOps.brightness(image, f);
            double[] expected = new double[in.length];
            for (int i = 0; i < in.length; i++) {
                expected[i] = clamp(f * in[i]);
            }
            assertPixels(expected, image.pixels(), 1e-6);
        }
    }

    @Test
    void contrastBlendsWithTheMeanLumaOfTheWholeImage() {
        for (double f : new double[] {0.0, 0.6, 1.7}) {
            Image image = randomImage(3, 4, 5, 21);
            float[] in = image.pixels().clone();
            int plane = 20;
            double mean = 0;
            for (int i = 0; i < plane; i++) {
                mean += luma(in, i, plane);
            }
            mean /= plane;
            ColorOps.contrast(image, f);
            double[] expected = new double[in.length];
            for (int i = 0; i < in.length; i++) {
                expected[i] = clamp(f * in[i] + (1 - f) * mean);
            }
            assertPixels(expected, image.pixels(), 1e-6);
        }
    }

    @Test
    void contrastOfAGrayImageUsesTheChannelMean() {
        Image image = new Image(1, 2, 2, new float[] {0.1f, 0.3f, 0.6f, 1.0f});
        ColorOps.contrast(image, 1.5);
        double m = (0.1 + 0.3 + 0.6 + 1.0) / 4;
        assertPixels(new double[] {clamp(0.15 - 0.5 * m), clamp(0.45 - 0.5 * m), clamp(0.9 - 0.5 * m),
            clamp(1.5 - 0.5 * m)}, image.pixels(), 1e-6);
    }

    @Test
    void saturationBlendsEachPixelWithItsLuma() {
        for (double f : new double[] {0.0, 0.4, 1.8}) {
            Image image = handMade();
            float[] in = image.pixels().clone();
            int plane = 6;
            ColorOps.saturation(image, f);
            double[] expected = new double[in.length];
            for (int i = 0; i < plane; i++) {
                double gray = luma(in, i, plane);
                for (int c = 0; c < 3; c++) {
                    expected[i + c * plane] = clamp(f * in[i + c * plane] + (1 - f) * gray);
                }
            }
            assertPixels(expected, image.pixels(), 1e-6);
        }
    }

    @Test
    void hueMatchesAnIndependentHsvRoundTrip() {
        for (double shift : new double[] {0.0, 0.1, -0.1, 0.37, 0.5, -0.5}) {
            for (Image image : new Image[] {handMade(), randomImage(3, 4, 5, 22)}) {
                float[] in = image.pixels().clone();
                int plane = image.height() * image.width();
                ColorOps.hue(image, shift);
                double[] expected = new double[in.length];
                for (int i = 0; i < plane; i++) {
                    double[] rgb = shiftHue(in[i], in[i + plane], in[i + 2 * plane], shift);
                    for (int c = 0; c < 3; c++) {
                        expected[i + c * plane] = rgb[c];
                    }
                }
                assertPixels(expected, image.pixels(), 2e-6);
            }
        }
    }

    @Test
    void saturationAndHueLeaveAGrayImageAlone() {
        float[] px = {0.1f, 0.5f, 0.9f, 0.3f};
        Image image = new Image(1, 2, 2, px.clone());
        ColorOps.saturation(image, 0.2);
        ColorOps.hue(image, 0.3);
        assertArrayEquals(px, image.pixels());
    }

    @Test
    void rejectsImagesThatAreNeitherGrayNorRgb() {
        Image two = randomImage(2, 2, 2, 23);
        assertRejects(() -> ColorOps.brightness(two, 1.2), "color-jitter", "1 or 3 channels, got 2");
        assertRejects(() -> ColorOps.hue(randomImage(4, 2, 2, 23), 0.1), "got 4");
    }

    /** Textbook RGB→HSV (hue in degrees), shift by a fraction of a turn, HSV→RGB via chroma. */
    private static double[] shiftHue(double r, double g, double b, double shift) {
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        double chroma = max - min;
        double hue;
        if (chroma == 0) {
            hue = 0;
        } else if (max == r) {
            hue = 60 * (((g - b) / chroma % 6 + 6) % 6);
        } else if (max == g) {
            hue = 60 * ((b - r) / chroma + 2);
        } else {
            hue = 60 * ((r - g) / chroma + 4);
        }
        double sat = max == 0 ? 0 : chroma / max;
        double turned = hue / 360 + shift;
        turned -= Math.floor(turned);
        double h = turned * 360;

        double c = max * sat;
        double x = c * (1 - Math.abs((h / 60) % 2 - 1));
        double m = max - c;
        double[] rgb;
        if (h < 60) {
            rgb = new double[] {c, x, 0};
        } else if (h < 120) {
            rgb = new double[] {x, c, 0};
        } else if (h < 180) {
            rgb = new double[] {0, c, x};
        } else if (h < 240) {
            rgb = new double[] {0, x, c};
        } else if (h < 300) {
            rgb = new double[] {x, 0, c};
        } else {
            rgb = new double[] {c, 0, x};
        }
        return new double[] {rgb[0] + m, rgb[1] + m, rgb[2] + m};
    }
}
