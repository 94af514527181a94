package contrastlab.plugins.augment;

/** Pixel arithmetic shared by the augmentations, written to match torchvision's float32 tensor path. */
public final class Pixels {

    /** torchvision's tensor luma weights (ITU-R 601 as torchvision spells them; they sum to 0.9999). */
    public static final float LUMA_R = 0.2989f;
    public static final float LUMA_G = 0.587f;
    public static final float LUMA_B = 0.114f;

    private Pixels() {}

    /** {@code 0.2989 r + 0.587 g + 0.114 b}, summed left to right in float32 like torchvision's rgb_to_grayscale. */
    public static float luma(float r, float g, float b) {
        return LUMA_R * r + LUMA_G * g + LUMA_B * b;
    }

    /** Clamps to [0, 1]; NaN stays NaN, as with torch.clamp. */
    public static float clamp01(float v) {
        return v < 0f ? 0f : (v > 1f ? 1f : v);
    }

    /** Python's {@code round}: halves go to the even neighbour ({@code Math.round} would round 2.5 up to 3). */
    public static long pythonRound(double v) {
        return (long) Math.rint(v);
    }

    /** {@code clamp(ratio * a + (1 - ratio) * b, 0, 1)} over a whole array, in place (torchvision's _blend). */
    public static void blend(float[] a, int from, int to, float b, double ratio) {
        float r = (float) ratio;
        float other = (float) (1.0 - ratio) * b;
        for (int i = from; i < to; i++) {
            a[i] = clamp01(r * a[i] + other);
        }
    }
}
