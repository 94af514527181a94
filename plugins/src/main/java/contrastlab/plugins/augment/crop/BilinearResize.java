package contrastlab.plugins.augment.crop;

import contrastlab.api.augment.Image;

/**
 * Crop + bilinear resize exactly as torchvision's tensor path ({@code F.resized_crop} →
 * {@code interpolate(mode='bilinear', align_corners=False, antialias=False)}), in float32.
 *
 * <p>Per axis: {@code src = max((dst + 0.5) * in/out - 0.5, 0)}, taps {@code i0 = floor(src)} and
 * {@code i1 = min(i0 + 1, in - 1)}, weight {@code l = src - i0}. No low-pass filter on downscaling.
 */
public final class BilinearResize {

    private BilinearResize() {}

    /** The window {@code box} of {@code src} resized to outHeight × outWidth, as a new image. */
    public static Image resizedCrop(Image src, CropBox box, int outHeight, int outWidth) {
        int channels = src.channels();
        int inPlane = src.height() * src.width();
        int inWidth = src.width();
        float[] in = src.pixels();
        float[] out = new float[channels * outHeight * outWidth];

        if (box.height() == outHeight && box.width() == outWidth) {
            // torchvision returns the crop itself when it already has the target size
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < outHeight; y++) {
                    System.arraycopy(in, c * inPlane + (box.top() + y) * inWidth + box.left(),
                            out, (c * outHeight + y) * outWidth, outWidth);
                }
            }
            return new Image(channels, outHeight, outWidth, out);
        }

        int[] y0 = new int[outHeight];
        int[] y1 = new int[outHeight];
        float[] ly = new float[outHeight];
        taps(box.height(), outHeight, y0, y1, ly);
        int[] x0 = new int[outWidth];
        int[] x1 = new int[outWidth];
        float[] lx = new float[outWidth];
        taps(box.width(), outWidth, x0, x1, lx);

        int o = 0;
        for (int c = 0; c < channels; c++) {
            int origin = c * inPlane + box.top() * inWidth + box.left();
            for (int oy = 0; oy < outHeight; oy++) {
                int row0 = origin + y0[oy] * inWidth;
                int row1 = origin + y1[oy] * inWidth;
                float wy1 = ly[oy];
                float wy0 = 1f - wy1;
                for (int ox = 0; ox < outWidth; ox++) {
                    float wx1 = lx[ox];
                    float wx0 = 1f - wx1;
                    int a = x0[ox];
                    int b = x1[ox];
                    // outer axis first, as torch's separable interpolate kernel nests them
                    out[o++] = wy0 * (wx0 * in[row0 + a] + wx1 * in[row0 + b])
                            + wy1 * (wx0 * in[row1 + a] + wx1 * in[row1 + b]);
                }
            }
        }
        return new Image(channels, outHeight, outWidth, out);
    }

    /** The two source taps and the weight of the second one, for every output index of one axis. */
    static void taps(int in, int out, int[] i0, int[] i1, float[] lambda) {
        float scale = (float) in / out;
        for (int d = 0; d < out; d++) {
            float src = Math.max(scale * (d + 0.5f) - 0.5f, 0f);
            int lo = Math.min((int) src, in - 1);
            i0[d] = lo;
            i1[d] = Math.min(lo + 1, in - 1);
            lambda[d] = Math.min(Math.max(src - lo, 0f), 1f);
        }
    }
}
