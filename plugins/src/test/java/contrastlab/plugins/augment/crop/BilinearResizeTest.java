package contrastlab.plugins.augment.crop;

import static contrastlab.plugins.augment.AugmentTesting.assertPixels;
import static contrastlab.plugins.augment.AugmentTesting.randomImage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import contrastlab.api.augment.Image;
import org.junit.jupiter.api.Test;

class BilinearResizeTest {

    /** torch's align_corners=False bilinear sampling, written per output pixel in double. */
    private static double[] reference(Image src, CropBox box, int outH, int outW) {
        double[] out = new double[src.channels() * outH * outW];
        int o = 0;
        for (int c = 0; c < src.channels(); c++) {
            for (int oy = 0; oy < outH; oy++) {
                double sy = Math.max((oy + 0.5) * box.height() / outH - 0.5, 0.0);
                int y0 = (int) Math.floor(sy);
                int y1 = Math.min(y0 + 1, box.height() - 1);
                double ly = sy - y0;
                for (int ox = 0; ox < outW; ox++) {
                    double sx = Math.max((ox + 0.5) * box.width() / outW - 0.5, 0.0);
                    int x0 = (int) Math.floor(sx);
                    int x1 = Math.min(x0 + 1, box.width() - 1);
                    double lx = sx - x0;
                    double v00 = at(src, c, box, y0, x0);
                    double v01 = at(src, c, box, y0, x1);
                    double v10 = at(src, c, box, y1, x0);
                    double v11 = at(src, c, box, y1, x1);
                    out[o++] = (1 - ly) * ((1 - lx) * v00 + lx * v01) + ly * ((1 - lx) * v10 + lx * v11);
                }
            }
        }
        return out;
    }

    private static double at(Image src, int c, CropBox box, int y, int x) {
        return src.pixels()[src.index(c, box.top() + y, box.left() + x)];
    }

    @Test
    void handComputedUpscaleOfTwoPixels() {
        Image src = new Image(1, 1, 2, new float[] {0f, 1f});
        Image out = BilinearResize.resizedCrop(src, new CropBox(0, 0, 1, 2), 1, 4);
        assertArrayEquals(new float[] {0f, 0.25f, 0.75f, 1f}, out.pixels());
    }

    @Test
    void upscaleMatchesTheSamplingFormula() {
        Image src = randomImage(3, 4, 5, 11);
        CropBox box = new CropBox(1, 1, 3, 4);
        Image out = BilinearResize.resizedCrop(src, box, 7, 9);
        assertEquals(3, out.channels());
        assertEquals(7, out.height());
        assertEquals(9, out.width());
        assertPixels(reference(src, box, 7, 9), out.pixels(), 1e-6);
    }

    @Test
    void downscaleSamplesTwoTapsWithoutAntialiasing() {
        Image src = randomImage(2, 9, 11, 12);
        CropBox box = new CropBox(2, 1, 7, 10);
        assertPixels(reference(src, box, 3, 4), BilinearResize.resizedCrop(src, box, 3, 4).pixels(), 1e-6);
    }

    @Test
    void mixedScalingAndASingleRowCrop() {
        Image src = randomImage(3, 6, 8, 13);
        CropBox wide = new CropBox(0, 2, 5, 6);
        assertPixels(reference(src, wide, 10, 3), BilinearResize.resizedCrop(src, wide, 10, 3).pixels(), 1e-6);
        CropBox row = new CropBox(4, 0, 1, 8);
        assertPixels(reference(src, row, 3, 5), BilinearResize.resizedCrop(src, row, 3, 5).pixels(), 1e-6);
    }

    @Test
    void aCropOfTheTargetSizeIsCopiedUnchanged() {
        Image src = randomImage(3, 4, 5, 14);
        CropBox box = new CropBox(1, 2, 3, 3);
        Image out = BilinearResize.resizedCrop(src, box, 3, 3);
        double[] expected = new double[27];
        int o = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 3; x++) {
                    expected[o++] = src.pixels()[src.index(c, 1 + y, 2 + x)];
                }
            }
        }
        assertPixels(expected, out.pixels(), 0.0);
        assertNotSame(src.pixels(), out.pixels());
    }
}
