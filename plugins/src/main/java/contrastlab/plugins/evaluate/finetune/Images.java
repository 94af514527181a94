package contrastlab.plugins.evaluate.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import contrastlab.api.util.Seeds;
import java.nio.FloatBuffer;

/**
 * Images of a split after the run's evaluation transform, held in memory (the labelled fraction is
 * small), with their labels.
 *
 * @param pixels row-major {@code count x shape.size()}
 */
record Images(int count, ImageShape shape, float[] pixels, int[] labels) {

    /** Reads and transforms the images {@code indices} of {@code dataset}. */
    static Images read(ImageDataset dataset, int[] indices, Augmentation transform, long seed) {
        byte[] raw = new byte[dataset.shape().size()];
        float[] pixels = null;
        ImageShape shape = null;
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            dataset.readImage(indices[i], raw);
            Image image = transform.apply(Image.fromBytes(dataset.shape(), raw), Seeds.random(seed, 5, indices[i]));
            if (pixels == null) {
                shape = image.shape();
                pixels = new float[indices.length * shape.size()];
            }
            System.arraycopy(image.pixels(), 0, pixels, i * shape.size(), shape.size());
            labels[i] = dataset.label(indices[i]);
        }
        return new Images(indices.length, shape == null ? dataset.shape() : shape,
                pixels == null ? new float[0] : pixels, labels);
    }

    /** The images {@code rows} as one {@code (N, C, H, W)} batch on {@code manager}. */
    NDArray batch(NDManager manager, int[] rows) {
        int size = shape.size();
        float[] out = new float[rows.length * size];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(pixels, rows[i] * size, out, i * size, size);
        }
        return manager.create(FloatBuffer.wrap(out), new Shape(rows.length, shape.channels(), shape.height(),
                shape.width()));
    }
}
