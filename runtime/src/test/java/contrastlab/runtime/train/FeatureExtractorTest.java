package contrastlab.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import contrastlab.api.augment.Augmentation;
import contrastlab.api.backbone.InputTransform;
import contrastlab.api.dataset.ImageShape;
import contrastlab.api.evaluate.FeatureSet;
import contrastlab.plugins.dataset.support.ArrayImageDataset;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

    @Test
    void nanInfinityAndIdenticalRowsAreRejected() {
        assertDoesNotThrow(() -> FeatureExtractor.requireInformative(new float[] {1, 2, 1, 3}, 2));
        TrainingDivergedException nan = assertThrows(TrainingDivergedException.class,
                () -> FeatureExtractor.requireInformative(new float[] {1, Float.NaN, 1, 3}, 2));
        assertTrue(nan.getMessage().contains("not finite"));
        assertThrows(TrainingDivergedException.class,
                () -> FeatureExtractor.requireInformative(new float[] {1, 2, Float.POSITIVE_INFINITY, 3}, 2));
        TrainingDivergedException same = assertThrows(TrainingDivergedException.class,
                () -> FeatureExtractor.requireInformative(new float[] {0, 0.5f, 0, 0.5f, 0, 0.5f}, 2));
        assertTrue(same.getMessage().contains("same evaluation features"));
    }

    /** 7 one-channel 2x2 images with distinct pixels, labels i % 3. */
    private static ArrayImageDataset images() {
        int count = 7;
        byte[] data = new byte[count * 4];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < 4; p++) {
                data[i * 4 + p] = (byte) (10 * i + p);
            }
            labels[i] = i % 3;
        }
        return new ArrayImageDataset(data, 0, 4, count, new ImageShape(1, 2, 2), labels, 3);
    }

    @Test
    void aMultiExitBackbonesExitsComeWithTheFeaturesAndAugmentedDrawsAreSeeded() throws Exception {
        // features: the 4 pixels; one exit: the row sums (2 values), as a multi-exit block appends them
        LambdaBlock block = new LambdaBlock(x -> {
            NDArray flat = x.singletonOrThrow().reshape(-1, 4);
            return new NDList(flat, x.singletonOrThrow().sum(new int[] {1, 3}));
        });
        ArrayImageDataset dataset = images();
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 2, 2));
            ParameterStore store = new ParameterStore(manager, false);
            FeatureExtractor extractor = new FeatureExtractor(block, store, manager, Augmentation.identity(), 0, 2);
            FeatureSet set = extractor.extract(dataset);
            assertEquals(7, set.count());
            assertEquals(4, set.dim());
            assertEquals(1, set.exits().size());
            FeatureSet exit = set.exits().get(0);
            assertEquals(2, exit.dim());
            assertArrayEquals(set.labels(), exit.labels());
            for (int i = 0; i < 7; i++) {
                float[] px = Arrays.copyOfRange(set.values(), i * 4, i * 4 + 4);
                assertArrayEquals(new float[] {(10 * i) / 255f, (10 * i + 1) / 255f, (10 * i + 2) / 255f,
                    (10 * i + 3) / 255f}, px, 1e-6f);
                assertEquals(px[0] + px[1], exit.values()[i * 2], 1e-6f);
                assertEquals(px[2] + px[3], exit.values()[i * 2 + 1], 1e-6f);
            }

            // augmented: a seeded shift of every pixel, before the evaluation transform
            Augmentation shift = (image, random) -> {
                float s = random.nextFloat();
                for (int p = 0; p < image.pixels().length; p++) {
                    image.pixels()[p] += s;
                }
                return image;
            };
            FeatureSet a = extractor.extractAugmented(dataset, shift, 11);
            FeatureSet again = extractor.extractAugmented(dataset, shift, 11);
            FeatureSet other = extractor.extractAugmented(dataset, shift, 12);
            assertArrayEquals(a.values(), again.values(), "the same draw seed gives the same images");
            assertFalse(Arrays.equals(a.values(), other.values()), "another draw seed gives new draws");
            float delta = a.values()[1] - set.values()[1];
            assertTrue(delta > 0 && delta < 1);
            assertEquals(delta, a.values()[0] - set.values()[0], 1e-6f, "one draw per image");
            assertEquals(1, a.exits().size());
        }
    }

    /**
     * With the backbone's input transform on the data workers the block receives transformed images
     * (here: every pixel doubled into 2 channels, so the block sees (N, 2, 2, 2)) and the features
     * equal the block's own transform.
     */
    @Test
    void theInputTransformRunsOnTheWorkersBeforeTheBlock() throws Exception {
        InputTransform doubled = new InputTransform() {
            @Override public ImageShape inputShape() { return new ImageShape(1, 2, 2); }
            @Override public ImageShape outputShape() { return new ImageShape(2, 2, 2); }
            @Override public float[] apply(float[] images, int count) {
                float[] out = new float[count * 8];
                for (int i = 0; i < count * 4; i++) {
                    out[(i / 4) * 8 + i % 4] = 2 * images[i];
                    out[(i / 4) * 8 + 4 + i % 4] = 2 * images[i];
                }
                return out;
            }
        };
        // raw images: the block doubles them itself; transformed ones pass through
        LambdaBlock block = new LambdaBlock(x -> {
            NDArray in = x.singletonOrThrow();
            return new NDList(in.getShape().get(1) == 1 ? in.mul(2).reshape(-1, 4) : in.get(":, 0").reshape(-1, 4).mul(-1));
        });
        ArrayImageDataset dataset = images();
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 2, 2));
            ParameterStore store = new ParameterStore(manager, false);
            FeatureSet inBlock = new FeatureExtractor(block, store, manager, Augmentation.identity(), 0, 2).extract(dataset);
            FeatureSet onWorkers = new FeatureExtractor(block, store, manager, Augmentation.identity(), 0, 2,
                    Optional.of(doubled)).extract(dataset);
            for (int i = 0; i < inBlock.values().length; i++) {
                // the pass-through branch negates, so equal magnitudes prove the workers' transform was used
                assertEquals(inBlock.values()[i], -onWorkers.values()[i], 1e-6f);
            }
            assertTrue(inBlock.values()[5] > 0);
        }
    }
}
