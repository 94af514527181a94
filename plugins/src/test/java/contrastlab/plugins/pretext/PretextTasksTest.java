package contrastlab.plugins.pretext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.pretext.PretextSample;
import contrastlab.api.pretext.PretextTask;
import contrastlab.plugins.augment.crop.CropBox;
import contrastlab.plugins.method.common.MethodFixtures;
import contrastlab.plugins.method.common.TestStep;
import contrastlab.plugins.pretext.jigsaw.JigsawParameters;
import contrastlab.plugins.pretext.jigsaw.JigsawPermutations;
import contrastlab.plugins.pretext.jigsaw.JigsawPlugin;
import contrastlab.plugins.pretext.jigsaw.JigsawTiles;
import contrastlab.plugins.pretext.rotation.RotationParameters;
import contrastlab.plugins.pretext.rotation.RotationPlugin;
import contrastlab.plugins.pretext.rotation.Rotations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PretextTasksTest {

    /** A 1-channel 2x3 image [[1, 2, 3], [4, 5, 6]]. */
    private static Image twoByThree() {
        return new Image(1, 2, 3, new float[] {1, 2, 3, 4, 5, 6});
    }

    @Test
    void rotationsAreOpenCvsClockwise180AndCounterClockwise() {
        Image image = twoByThree();
        assertArrayEquals(image.pixels(), Rotations.rotate(image, 0).pixels());
        Image cw = Rotations.rotate(image, 1);
        assertEquals(new contrastlab.api.dataset.ImageShape(1, 3, 2), cw.shape());
        assertArrayEquals(new float[] {4, 1, 5, 2, 6, 3}, cw.pixels()); // [[4,1],[5,2],[6,3]]
        assertArrayEquals(new float[] {6, 5, 4, 3, 2, 1}, Rotations.rotate(image, 2).pixels());
        Image ccw = Rotations.rotate(image, 3);
        assertArrayEquals(new float[] {3, 6, 2, 5, 1, 4}, ccw.pixels()); // [[3,6],[2,5],[1,4]]
        // per channel, and clockwise twice is 180
        Image rgb = new Image(2, 2, 2, new float[] {1, 2, 3, 4, 10, 20, 30, 40});
        assertArrayEquals(new float[] {3, 1, 4, 2, 30, 10, 40, 20}, Rotations.rotate(rgb, 1).pixels());
        assertArrayEquals(Rotations.rotate(image, 2).pixels(), Rotations.rotate(Rotations.rotate(image, 1), 1).pixels());
    }

    @Test
    void rotationSamplesAllFourRotationsEachThroughTheViewPipeline() {
        PretextTask task = new RotationPlugin().create(new RotationPlugin().defaults(), 16);
        AtomicInteger calls = new AtomicInteger();
        // a pipeline that marks its input, so each input is shown to have gone through it
        Augmentation pipeline = (image, random) -> {
            calls.incrementAndGet();
            Image out = image.copy();
            out.pixels()[0] += 100;
            return out;
        };
        Image original = twoByThree();
        PretextSample sample = task.prepare(original, pipeline, new SplittableRandom(1));
        assertEquals(4, calls.get());
        assertArrayEquals(new int[] {0, 1, 2, 3}, sample.labels());
        for (int k = 0; k < 4; k++) {
            float[] expected = Rotations.rotate(original, k).pixels().clone();
            expected[0] += 100;
            assertArrayEquals(expected, sample.inputs().get(k).pixels(), "rotation " + k);
        }
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, original.pixels(), "the original is left alone");
    }

    @Test
    void jigsawBoxesFollowTheReferenceArithmetic() {
        // from the original's expression on 32x32: the last column and row end at 31 (26.67 + 5.33 < 32 in doubles)
        int[][] expected32 = {{0, 0, 10, 10}, {11, 0, 21, 10}, {22, 0, 31, 10}, {0, 11, 10, 21}, {11, 11, 21, 21},
            {22, 11, 31, 21}, {0, 22, 10, 31}, {11, 22, 21, 31}, {22, 22, 31, 31}};
        int[][] expected96 = {{0, 0, 32, 32}, {32, 0, 64, 32}, {64, 0, 96, 32}, {0, 32, 32, 64}, {32, 32, 64, 64},
            {64, 32, 96, 64}, {0, 64, 32, 96}, {32, 64, 64, 96}, {64, 64, 96, 96}};
        int[][] expected28 = {{0, 0, 9, 9}, {10, 0, 18, 9}, {19, 0, 28, 9}, {0, 10, 9, 18}, {10, 10, 18, 18},
            {19, 10, 28, 18}, {0, 19, 9, 28}, {10, 19, 18, 28}, {19, 19, 28, 28}};
        check(expected32, 32);
        check(expected96, 96);
        check(expected28, 28);
    }

    /** Rows are PIL crop boxes (left, upper, right, lower). */
    private static void check(int[][] expected, int size) {
        for (int n = 0; n < 9; n++) {
            CropBox box = JigsawTiles.box(n, size, size);
            int[] actual = {box.left(), box.top(), box.left() + box.width(), box.top() + box.height()};
            assertArrayEquals(expected[n], actual, size + "px tile " + n);
        }
    }

    @Test
    void jigsawPermutationsAreTheReferenceRows() {
        Set<String> rows = new HashSet<>();
        for (int i = 0; i < JigsawPermutations.COUNT; i++) {
            int[] p = JigsawPermutations.get(i);
            int[] sorted = p.clone();
            java.util.Arrays.sort(sorted);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, sorted, "row " + i);
            rows.add(java.util.Arrays.toString(p));
        }
        assertEquals(35, JigsawPermutations.COUNT);
        assertEquals(35, rows.size());
        assertArrayEquals(new int[] {2, 4, 6, 0, 5, 8, 7, 1, 3}, JigsawPermutations.get(0));
        assertArrayEquals(new int[] {7, 8, 6, 5, 3, 4, 1, 2, 0}, JigsawPermutations.get(34));
    }

    @Test
    void jigsawShowsTheTilesInPermutedOrderWithThePermutationIndexAsLabel() {
        PretextTask task = new JigsawPlugin().create(new JigsawPlugin().defaults(), 16);
        // 96x96, 2 channels: each tile region holds its tile number (channel 1: 10 x that)
        int size = 96;
        Image image = Image.blank(2, size, size);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int n = (y / 32) * 3 + x / 32;
                image.pixels()[image.index(0, y, x)] = n;
                image.pixels()[image.index(1, y, x)] = 10 * n;
            }
        }
        Augmentation never = (img, random) -> {
            throw new AssertionError("jigsaw tiles come from the un-augmented image");
        };
        Set<Integer> labels = new HashSet<>();
        for (int seed = 0; seed < 200; seed++) {
            PretextSample sample = task.prepare(image, never, new SplittableRandom(seed));
            assertEquals(1, sample.labels().length);
            int order = sample.labels()[0];
            labels.add(order);
            int[] permutation = JigsawPermutations.get(order);
            assertEquals(9, sample.inputs().size());
            for (int t = 0; t < 9; t++) {
                Image tile = sample.inputs().get(t);
                assertEquals(image.shape(), tile.shape(), "tiles are resized to the input size");
                for (int i = 0; i < size * size; i++) {
                    assertEquals(permutation[t], tile.pixels()[i], 1e-5f, "tile " + t);
                    assertEquals(10 * permutation[t], tile.pixels()[size * size + i], 1e-4f, "tile " + t);
                }
            }
        }
        assertTrue(labels.size() >= 33, "200 uniform draws over 35 permutations hit " + labels.size());
    }

    @Test
    void jigsawTilesAreResizedBilinearlyWithoutNormalisation() {
        // 8x8 gradient: tile 0 is the box [0, 2) x [0, 2), resized to 8x8 as torch's bilinear does
        Image image = Image.blank(1, 8, 8);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                image.pixels()[image.index(0, y, x)] = (y * 8 + x) / 63f;
            }
        }
        Image tile = JigsawTiles.tile(image, 0);
        assertEquals(image.pixels()[0], tile.pixels()[0], 1e-6f); // src clamps to pixel 0 at the corner
        // output x = 7: src = (7.5) * 2/8 - 0.5 = 1.375 -> clamped to the last pixel 1
        assertEquals(image.pixels()[1], tile.pixels()[7], 1e-6f);
        // output x = 3: src = 3.5 * 0.25 - 0.5 = 0.375 between pixels 0 and 1
        assertEquals(0.625f * image.pixels()[0] + 0.375f * image.pixels()[1], tile.pixels()[3], 1e-6f);
    }

    @Test
    void headsMapFeaturesToRotationAndPermutationLogits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PretextTask rotation = new RotationPlugin().create(new RotationPlugin().defaults(), 24);
            rotation.initialize(manager, DataType.FLOAT32);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray out = rotation.block().forward(store, new NDList(manager.ones(new Shape(5, 24))), false).get(0);
            assertEquals(new Shape(5, 4), out.getShape());
            assertEquals(List.of(new Shape(512, 24), new Shape(128, 512), new Shape(4, 128)), weights(rotation.block()));

            PretextTask jigsaw = new JigsawPlugin().create(new JigsawPlugin().defaults(), 24);
            jigsaw.initialize(manager, DataType.FLOAT32);
            NDArray logits = jigsaw.block().forward(store, new NDList(manager.ones(new Shape(18, 24))), false).get(0);
            assertEquals(new Shape(2, 35), logits.getShape(), "9 tiles per image");
            assertEquals(List.of(new Shape(512, 24), new Shape(4096, 4608), new Shape(35, 4096)), weights(jigsaw.block()));
        }
    }

    private static List<Shape> weights(Block block) {
        List<Shape> shapes = new ArrayList<>();
        for (var p : block.getParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                shapes.add(p.getValue().getArray().getShape());
            }
        }
        return shapes;
    }

    @Test
    void trainingStepsLowerTheRotationAndJigsawLosses() {
        Random random = new Random(3);
        int n = 8;
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // smooth, asymmetric images: a bright corner and a gradient, so rotations and tiles differ
            Image image = Image.blank(3, 8, 8);
            double phase = random.nextDouble();
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        image.pixels()[image.index(c, y, x)] = (float) (0.1 * c + 0.08 * y + 0.03 * x * phase
                                + (y < 3 && x < 3 ? 0.5 : 0));
                    }
                }
            }
            images.add(image);
        }
        double[] rotation = train(new RotationPlugin().create(new RotationParameters(List.of(32), 0.0), 32), images);
        assertTrue(rotation[1] < 0.5 * rotation[0], "rotation loss " + rotation[0] + " -> " + rotation[1]);
        double[] jigsaw = train(new JigsawPlugin().create(new JigsawParameters(8, 32, 0.0), 32), images);
        assertTrue(jigsaw[1] < 0.5 * jigsaw[0], "jigsaw loss " + jigsaw[0] + " -> " + jigsaw[1]);
    }

    /** Plain SGD on the backbone and the task's head over one fixed batch; the first and last loss. */
    private static double[] train(PretextTask task, List<Image> images) {
        Engine.getInstance().setRandomSeed(11);
        Backbone backbone = MethodFixtures.mlpBackbone();
        try (NDManager manager = NDManager.newBaseManager()) {
            backbone.block().initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8, 8));
            task.initialize(manager, DataType.FLOAT32);
            ParameterStore store = new ParameterStore(manager, false);
            List<float[]> inputs = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            int perImage = 0;
            for (int i = 0; i < images.size(); i++) {
                PretextSample sample = task.prepare(images.get(i), Augmentation.identity(), new SplittableRandom(i));
                perImage = sample.inputs().size();
                sample.inputs().forEach(img -> inputs.add(img.pixels()));
                for (int label : sample.labels()) {
                    labels.add(label);
                }
            }
            float[] flat = new float[inputs.size() * 192];
            for (int i = 0; i < inputs.size(); i++) {
                System.arraycopy(inputs.get(i), 0, flat, i * 192, 192);
            }
            int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
            assertEquals(images.size() * perImage, inputs.size());
            List<Parameter> parameters = new ArrayList<>(backbone.block().getParameters().values());
            parameters.addAll(task.block().getParameters().values());
            double first = 0;
            double last = 0;
            for (int step = 0; step < 60; step++) {
                try (NDManager m = manager.newSubManager()) {
                    TestStep context = new TestStep(m, List.of(), Optional.empty(), backbone.block(), store, true);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = task.loss(context, m.create(flat, new Shape(inputs.size(), 3, 8, 8)),
                                m.create(labelArray));
                        collector.backward(loss);
                        last = loss.getFloat();
                    }
                    if (step == 0) {
                        first = last;
                    }
                    for (Parameter p : parameters) {
                        if (p.requiresGradient()) {
                            try (NDArray update = p.getArray().getGradient().mul(0.2f)) {
                                p.getArray().subi(update);
                            }
                        }
                    }
                }
            }
            return new double[] {first, last};
        }
    }
}
