package contrastlab.plugins.pretext.jigsaw;

import contrastlab.api.augment.Image;
import contrastlab.plugins.augment.crop.BilinearResize;
import contrastlab.plugins.augment.crop.CropBox;

/** The 3x3 grid of ScatSimCLR's {@code JigsawDataset._get_patches}, in its floating-point arithmetic. */
public final class JigsawTiles {

    private JigsawTiles() {}

    /**
     * The crop box of tile {@code n} (row n / 3, column n % 3). The original takes s = width / 3 and
     * a = s / 2 for both axes of its square images; each axis here uses its own side, which is the
     * same on square images. Box: [ceil(c - a), int(c + a)) around the centre c = 2a·k + a.
     */
    public static CropBox box(int n, int height, int width) {
        int i = n / 3;
        int j = n % 3;
        double ay = (double) height / 3 / 2;
        double ax = (double) width / 3 / 2;
        // the same expression order as the Python, so the doubles round alike
        double rowCentre = ay * i * 2 + ay;
        double columnCentre = ax * j * 2 + ax;
        int left = (int) Math.ceil(columnCentre - ax);
        int top = (int) Math.ceil(rowCentre - ay);
        int right = (int) (columnCentre + ax);
        int bottom = (int) (rowCentre + ay);
        return new CropBox(top, left, bottom - top, right - left);
    }

    /** Tile {@code n} of {@code image}, resized bilinearly to the image's own size. */
    public static Image tile(Image image, int n) {
        return BilinearResize.resizedCrop(image, box(n, image.height(), image.width()), image.height(), image.width());
    }
}
