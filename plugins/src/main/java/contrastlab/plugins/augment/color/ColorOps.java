package contrastlab.plugins.augment.color;

import contrastlab.api.augment.Image;
import contrastlab.plugins.augment.Checks;
import contrastlab.plugins.augment.Pixels;

/**
 * The four deterministic colour adjustments of torchvision's float tensor path
 * ({@code adjust_brightness/contrast/saturation/hue}), in place, in float32. Images must have 1 or 3
 * channels; on a 1-channel image saturation and hue return the input unchanged, as torchvision does.
 */
public final class ColorOps {

    private ColorOps() {}

    /** {@code clamp(f * x, 0, 1)}. */
    public static void brightness(Image image, double factor) {
        requireGrayOrRgb(image);
        float[] px = image.pixels();
        Pixels.blend(px, 0, px.length, 0f, factor);
    }

    /** {@code clamp(f * x + (1 - f) * m, 0, 1)}, m = the mean of the whole image's luma (of the channel if gray). */
    public static void contrast(Image image, double factor) {
        requireGrayOrRgb(image);
        float[] px = image.pixels();
        Pixels.blend(px, 0, px.length, meanLuma(image), factor);
    }

    /** {@code clamp(f * x + (1 - f) * luma(x), 0, 1)} per pixel; a no-op on 1 channel. */
    public static void saturation(Image image, double factor) {
        requireGrayOrRgb(image);
        if (image.channels() == 1) {
            return;
        }
        float[] px = image.pixels();
        int plane = image.height() * image.width();
        float f = (float) factor;
        float rest = (float) (1.0 - factor);
        for (int i = 0; i < plane; i++) {
            float r = px[i];
            float g = px[i + plane];
            float b = px[i + 2 * plane];
            float gray = rest * Pixels.luma(r, g, b);
            px[i] = Pixels.clamp01(f * r + gray);
            px[i + plane] = Pixels.clamp01(f * g + gray);
            px[i + 2 * plane] = Pixels.clamp01(f * b + gray);
        }
    }

    /** RGB→HSV, {@code h = (h + f) mod 1}, HSV→RGB (torchvision's _rgb2hsv/_hsv2rgb); a no-op on 1 channel. */
    public static void hue(Image image, double factor) {
        requireGrayOrRgb(image);
        if (image.channels() == 1) {
            return;
        }
        float[] px = image.pixels();
        int plane = image.height() * image.width();
        float shift = (float) factor;
        for (int i = 0; i < plane; i++) {
            float r = px[i];
            float g = px[i + plane];
            float b = px[i + 2 * plane];

            float maxc = Math.max(r, Math.max(g, b));
            float minc = Math.min(r, Math.min(g, b));
            boolean flat = maxc == minc;
            float cr = maxc - minc;
            float s = cr / (flat ? 1f : maxc);
            float d = flat ? 1f : cr;
            float rc = (maxc - r) / d;
            float gc = (maxc - g) / d;
            float bc = (maxc - b) / d;
            float h;
            if (maxc == r) {
                h = bc - gc;
            } else if (maxc == g) {
                h = 2f + rc - bc;
            } else {
                h = 4f + gc - rc;
            }
            // fmod(h/6 + 1, 1) then torch's floor-mod (h + shift) % 1. Both as x - floor(x): equal to
            // fmod/remainder here (the fractional part of a float is exact) and far cheaper than Java's float %
            h = h / 6f + 1f;
            h -= (int) h; // h/6 + 1 lies in [5/6, 11/6], so truncation is floor
            h += shift;
            h -= (float) Math.floor(h);

            float h6 = h * 6f;
            int sector = (int) h6; // h6 >= 0
            float frac = h6 - sector;
            float v = maxc;
            float p = Pixels.clamp01(v * (1f - s));
            float q = Pixels.clamp01(v * (1f - s * frac));
            float t = Pixels.clamp01(v * (1f - s * (1f - frac)));
            switch (sector % 6) {
                case 0 -> set(px, i, plane, v, t, p);
                case 1 -> set(px, i, plane, q, v, p);
                case 2 -> set(px, i, plane, p, v, t);
                case 3 -> set(px, i, plane, p, q, v);
                case 4 -> set(px, i, plane, t, p, v);
                default -> set(px, i, plane, v, p, q);
            }
        }
    }

    /** The mean over all pixels of the luma (3 channels) or of the single channel. */
    static float meanLuma(Image image) {
        float[] px = image.pixels();
        int plane = image.height() * image.width();
        double sum = 0;
        if (image.channels() == 3) {
            for (int i = 0; i < plane; i++) {
                sum += Pixels.luma(px[i], px[i + plane], px[i + 2 * plane]);
            }
        } else {
            for (int i = 0; i < plane; i++) {
                sum += px[i];
            }
        }
        return (float) (sum / plane);
    }

    static void requireGrayOrRgb(Image image) {
        if (image.channels() != 1 && image.channels() != 3) {
            throw Checks.fail(ColorJitter.STEP, "input", "must have 1 or 3 channels, got " + image.channels());
        }
    }

    private static void set(float[] px, int i, int plane, float r, float g, float b) {
        px[i] = r;
        px[i + plane] = g;
        px[i + 2 * plane] = b;
    }
}
