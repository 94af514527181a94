package contrastlab.api.augment;

import contrastlab.api.dataset.ImageShape;

/**
 * A float image, channels first ({@code pixels[(c * height + y) * width + x]}), values in [0, 1]
 * until a normalisation step. Augmentations may change the pixels in place and return the same
 * instance, or return a new image (for a new size).
 */
public record Image(int channels, int height, int width, float[] pixels) {

    public Image {
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException(
                    "pixels has " + pixels.length + " values, expected " + channels + "x" + height + "x" + width);
        }
    }

    /** A black image of the given shape. */
    public static Image blank(int channels, int height, int width) {
        return new Image(channels, height, width, new float[channels * height * width]);
    }

    /** Converts 8-bit CHW bytes to values in [0, 1], as torchvision's {@code ToTensor} does. */
    public static Image fromBytes(ImageShape shape, byte[] chw) {
        float[] pixels = new float[shape.size()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (chw[i] & 0xFF) / 255f;
        }
        return new Image(shape.channels(), shape.height(), shape.width(), pixels);
    }

    public ImageShape shape() {
        return new ImageShape(channels, height, width);
    }

    /** A deep copy, so that several views can be drawn from one decoded image. */
    public Image copy() {
        return new Image(channels, height, width, pixels.clone());
    }

    /** Index of pixel (c, y, x) in {@link #pixels()}. */
    public int index(int c, int y, int x) {
        return (c * height + y) * width + x;
    }
}
