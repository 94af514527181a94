package contrastlab.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import contrastlab.plugins.augment.crop.RandomResizedCrop;
import contrastlab.plugins.augment.flip.HorizontalFlip;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Augmented batches depend only on (seed, epoch, image, view): not on threads; shared draws per batch. */
class BatchLoaderTest {

    /** Every image the same gradient, so any difference between views comes from the draws. */
    static final ImageDataset SAME_IMAGES = new ImageDataset() {
        @Override public int size() { return 48; }
        @Override public ImageShape shape() { return new ImageShape(1, 8, 8); }
        @Override public void readImage(int index, byte[] destination) {
            for (int i = 0; i < destination.length; i++) {
                destination[i] = (byte) (i * 4);
            }
        }
        @Override public boolean hasLabels() { return true; }
        @Override public int label(int index) { return index % 3; }
        @Override public int numClasses() { return 3; }
    };

    static final Augmentation PIPELINE = new RandomResizedCrop(6, 6, 0.2, 1.0, 3.0 / 4.0, 4.0 / 3.0).andThen(new HorizontalFlip(0.5));

    private static List<PreparedBatch> epoch(boolean shared, int workers) throws Exception {
        List<int[]> batches = new ArrayList<>();
        for (int b = 0; b < 6; b++) {
            batches.add(new int[] {8 * b, 8 * b + 1, 8 * b + 2, 8 * b + 3, 8 * b + 4, 8 * b + 5, 8 * b + 6, 8 * b + 7});
        }
        List<PreparedBatch> out = new ArrayList<>();
        try (BatchLoader loader = new BatchLoader(SAME_IMAGES, List.of(PIPELINE, PIPELINE), List.of(), 7, shared, workers, 2)) {
            Iterator<PreparedBatch> it = loader.iterate(3, batches);
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void imagesDoNotDependOnTheNumberOfWorkers() throws Exception {
        List<PreparedBatch> one = epoch(false, 1);
        List<PreparedBatch> three = epoch(false, 3);
        assertEquals(one.size(), three.size());
        for (int b = 0; b < one.size(); b++) {
            for (int v = 0; v < 2; v++) {
                assertArrayEquals(one.get(b).views().get(v), three.get(b).views().get(v), "batch " + b + " view " + v);
            }
        }
    }

    @Test
    void sharedDrawsGiveEveryImageOfABatchTheSameTransform() throws Exception {
        int size = 6 * 6;
        for (boolean shared : new boolean[] {false, true}) {
            List<PreparedBatch> batches = epoch(shared, 2);
            int differing = 0;
            for (PreparedBatch batch : batches) {
                float[] view = batch.views().get(0);
                float[] first = Arrays.copyOfRange(view, 0, size);
                for (int i = 1; i < 8; i++) {
                    if (!Arrays.equals(first, Arrays.copyOfRange(view, i * size, (i + 1) * size))) {
                        differing++;
                    }
                }
                // the two views still draw independently of each other
                assertFalse(Arrays.equals(batch.views().get(0), batch.views().get(1)), "views of one batch coincide");
            }
            if (shared) {
                assertEquals(0, differing, "with shared draws every image of a batch is transformed alike");
            } else {
                assertEquals(6 * 7, differing, "independent draws transform same images differently");
            }
        }
        // batches still differ from each other
        List<PreparedBatch> shared = epoch(true, 2);
        assertFalse(Arrays.equals(shared.get(0).views().get(0), shared.get(1).views().get(0)));
    }
}
