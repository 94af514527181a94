package contrastlab.plugins.augment.crop;

/** A crop window: top row, left column, height and width, in pixels of the source image. */
public record CropBox(int top, int left, int height, int width) {}
