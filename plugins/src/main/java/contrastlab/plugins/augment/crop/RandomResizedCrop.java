package contrastlab.plugins.augment.crop;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import contrastlab.plugins.augment.Checks;
import contrastlab.plugins.augment.Draws;
import contrastlab.plugins.augment.Pixels;
import java.util.random.RandomGenerator;

/**
 * torchvision's {@code RandomResizedCrop(size, scale, ratio)} on the tensor path: a window with a
 * uniformly drawn area fraction and a log-uniformly drawn aspect ratio (width / height), at most 10
 * tries, a deterministic centre-crop fallback, then a bilinear resize to the target size.
 */
public final class RandomResizedCrop implements Augmentation {

    static final String STEP = "random-resized-crop";
    private static final int TRIES = 10;

    private final int outHeight;
    private final int outWidth;
    private final double scaleLo;
    private final double scaleHi;
    private final double ratioLo;
    private final double ratioHi;
    private final double logRatioLo;
    private final double logRatioHi;

    public RandomResizedCrop(int outHeight, int outWidth, double scaleLo, double scaleHi, double ratioLo, double ratioHi) {
        if (outHeight <= 0 || outWidth <= 0) {
            throw Checks.fail(STEP, "size", "must be positive, got [" + outHeight + ", " + outWidth + "]");
        }
        if (!(scaleLo >= 0 && scaleLo <= scaleHi && scaleHi > 0 && Double.isFinite(scaleHi))) {
            throw Checks.fail(STEP, "scale", "must be [lo, hi] with 0 <= lo <= hi and hi > 0, got ["
                    + scaleLo + ", " + scaleHi + "]");
        }
        if (!(ratioLo > 0 && ratioLo <= ratioHi && Double.isFinite(ratioHi))) {
            throw Checks.fail(STEP, "ratio", "must be [lo, hi] with 0 < lo <= hi, got ["
                    + ratioLo + ", " + ratioHi + "]");
        }
        this.outHeight = outHeight;
        this.outWidth = outWidth;
        this.scaleLo = scaleLo;
        this.scaleHi = scaleHi;
        this.ratioLo = ratioLo;
        this.ratioHi = ratioHi;
        this.logRatioLo = Math.log(ratioLo);
        this.logRatioHi = Math.log(ratioHi);
    }

    @Override
    public Image apply(Image image, RandomGenerator random) {
        CropBox box = sample(image.height(), image.width(), random);
        return BilinearResize.resizedCrop(image, box, outHeight, outWidth);
    }

    /** {@code RandomResizedCrop.get_params}: the crop window for an image of the given size. */
    CropBox sample(int height, int width, RandomGenerator random) {
        double area = (double) height * width;
        for (int attempt = 0; attempt < TRIES; attempt++) {
            double targetArea = area * Draws.uniform(random, scaleLo, scaleHi);
            double aspect = Math.exp(Draws.uniform(random, logRatioLo, logRatioHi));
            // w and h are rounded separately, as torchvision does
            long w = Pixels.pythonRound(Math.sqrt(targetArea * aspect));
            long h = Pixels.pythonRound(Math.sqrt(targetArea / aspect));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                int top = random.nextInt(height - (int) h + 1);
                int left = random.nextInt(width - (int) w + 1);
                return new CropBox(top, left, (int) h, (int) w);
            }
        }
        return centreFallback(height, width);
    }

    /** The deterministic window torchvision uses after 10 failed tries. */
    CropBox centreFallback(int height, int width) {
        double inRatio = (double) width / height;
        int w;
        int h;
        if (inRatio < ratioLo) {
            w = width;
            h = (int) Pixels.pythonRound(w / ratioLo);
        } else if (inRatio > ratioHi) {
            h = height;
            w = (int) Pixels.pythonRound(h * ratioHi);
        } else {
            w = width;
            h = height;
        }
        return new CropBox((height - h) / 2, (width - w) / 2, h, w);
    }

    public int outHeight() {
        return outHeight;
    }

    public int outWidth() {
        return outWidth;
    }
}
