package contrastlab.plugins.dataset.mnist;

/** The pixels of an idx3 file: {@code count} images of {@code rows x cols} bytes, one after the other. */
record IdxImages(byte[] pixels, int count, int rows, int cols) {}
