package contrastlab.plugins.pretext.rotation;

import contrastlab.api.augment.Image;

/** The four rotations of OpenCV's {@code cv2.rotate}, on channels-first float images. */
public final class Rotations {

    /** Label order of the task: 0°, 90° clockwise, 180°, 90° counter-clockwise. */
    public static final int COUNT = 4;

    private Rotations() {}

    /** {@code image} rotated by {@code label} (see {@link #COUNT}), as a new image. */
    public static Image rotate(Image image, int label) {
        int c = image.channels();
        int h = image.height();
        int w = image.width();
        if (label == 0) {
            return image.copy();
        }
        boolean quarter = label == 1 || label == 3;
        int outH = quarter ? w : h;
        int outW = quarter ? h : w;
        float[] in = image.pixels();
        float[] out = new float[in.length];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < outH; y++) {
                for (int x = 0; x < outW; x++) {
                    int sy;
                    int sx;
                    switch (label) {
                        case 1 -> { // clockwise: the bottom-left corner comes to the top-left
                            sy = h - 1 - x;
                            sx = y;
                        }
                        case 2 -> {
                            sy = h - 1 - y;
                            sx = w - 1 - x;
                        }
                        case 3 -> { // counter-clockwise: the top-right corner comes to the top-left
                            sy = x;
                            sx = w - 1 - y;
                        }
                        default -> throw new IllegalArgumentException("rotation label must be 0-3, got " + label);
                    }
                    out[(ch * outH + y) * outW + x] = in[(ch * h + sy) * w + sx];
                }
            }
        }
        return new Image(c, outH, outW, out);
    }
}
