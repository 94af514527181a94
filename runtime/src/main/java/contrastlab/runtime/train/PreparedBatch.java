package contrastlab.runtime.train;

import contrastlab.api.dataset.ImageShape;
import java.util.List;

/**
 * One batch decoded and augmented on a worker thread, ready to be copied to the engine.
 *
 * @param indices the dataset indices of the images
 * @param views one float buffer per view, {@code N x shape} each
 * @param viewShapes the image shape of each view
 * @param labels one per image (-1 without labels)
 * @param pretext one entry per pretext task
 */
public record PreparedBatch(int[] indices, List<float[]> views, List<ImageShape> viewShapes, int[] labels,
        List<PretextInputs> pretext) {

    public int size() {
        return indices.length;
    }

    /** A pretext task's inputs for the batch: {@code count} images of {@code shape}, and labels. */
    public record PretextInputs(float[] images, ImageShape shape, int count, int[] labels) {}
}
