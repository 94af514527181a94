package contrastlab.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import contrastlab.api.backbone.InputTransform;
import contrastlab.api.method.StepContext;
import contrastlab.api.pretext.PretextSample;
import contrastlab.api.pretext.PretextTask;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import contrastlab.plugins.augment.crop.RandomResizedCrop;
import contrastlab.plugins.augment.flip.HorizontalFlip;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
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

    /** 1x6x6 -> 2x3x3: the 2x2 sums, then the 2x2 maxima. */
    static final InputTransform POOL = new InputTransform() {
        @Override public ImageShape inputShape() { return new ImageShape(1, 6, 6); }
        @Override public ImageShape outputShape() { return new ImageShape(2, 3, 3); }
        @Override public float[] apply(float[] images, int count) {
            float[] out = new float[count * 18];
            for (int n = 0; n < count; n++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 3; x++) {
                        float sum = 0;
                        float max = Float.NEGATIVE_INFINITY;
                        for (int d = 0; d < 4; d++) {
                            float v = images[n * 36 + (2 * y + d / 2) * 6 + 2 * x + d % 2];
                            sum += v;
                            max = Math.max(max, v);
                        }
                        out[n * 18 + y * 3 + x] = sum;
                        out[n * 18 + 9 + y * 3 + x] = max;
                    }
                }
            }
            return out;
        }
    };

    /** A pretext task whose inputs are {@code copies} views of the image, or the original when copies = 0. */
    private static PretextTask pretext(int copies) {
        return new PretextTask() {
            @Override public PretextSample prepare(Image original, Augmentation viewPipeline, RandomGenerator random) {
                List<Image> inputs = new ArrayList<>();
                for (int c = 0; c < copies; c++) {
                    inputs.add(viewPipeline.apply(original.copy(), random));
                }
                return copies == 0 ? new PretextSample(List.of(original), new int[] {0})
                        : new PretextSample(inputs, new int[copies]);
            }
            @Override public Block block() { return new SequentialBlock(); }
            @Override public void initialize(NDManager manager, DataType dataType) {}
            @Override public NDArray loss(StepContext step, NDArray inputs, NDArray labels) {
                throw new IllegalStateException("the loader never computes a loss");
            }
        };
    }

    /**
     * The backbone's input transform runs last on the workers, on every view and pretext input of its
     * input shape (the same draws as without it), and leaves other shapes alone.
     */
    @Test
    void inputTransformIsAppliedToViewsAndPretextInputsOfItsShape() throws Exception {
        List<PretextTask> tasks = List.of(pretext(2), pretext(0));
        int[] indices = {3, 9, 17, 40};
        PreparedBatch raw;
        PreparedBatch transformed;
        try (BatchLoader loader = new BatchLoader(SAME_IMAGES, List.of(PIPELINE, PIPELINE), tasks, 7, false, 2, 2)) {
            raw = loader.prepare(1, indices);
        }
        try (BatchLoader loader = new BatchLoader(SAME_IMAGES, List.of(PIPELINE, PIPELINE), tasks, 7, false,
                Optional.of(POOL), 2, 2)) {
            transformed = loader.prepare(1, indices);
        }
        for (int v = 0; v < 2; v++) {
            assertEquals(new ImageShape(1, 6, 6), raw.viewShapes().get(v));
            assertEquals(new ImageShape(2, 3, 3), transformed.viewShapes().get(v));
            assertArrayEquals(POOL.apply(raw.views().get(v), 4), transformed.views().get(v));
        }
        PreparedBatch.PretextInputs views = transformed.pretext().get(0);
        assertEquals(new ImageShape(2, 3, 3), views.shape());
        assertEquals(8, views.count());
        assertArrayEquals(POOL.apply(raw.pretext().get(0).images(), 8), views.images());
        PreparedBatch.PretextInputs originals = transformed.pretext().get(1);
        assertEquals(new ImageShape(1, 8, 8), originals.shape());
        assertArrayEquals(raw.pretext().get(1).images(), originals.images());
    }
}
