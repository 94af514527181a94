package contrastlab.plugins.backbone.scatnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import contrastlab.api.backbone.InputTransform;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine-ops scattering ({@link EngineScattering}) against the Java one, and how the block picks it. */
class EngineScatteringTest {

    /** float32 DFT matrices and GEMM sums of up to 2 x 104 terms: a few ulps of the largest coefficient. */
    private static final double TOLERANCE = 1e-5;

    /**
     * Fashion-MNIST (J 2, L 8, 1 x 28 x 28), colour-major RGB (J 2, L 4, 3 x 32 x 32) and a non-square
     * grid with three scales (two orders of second-order paths, J 3, L 4, 1 x 40 x 48): the engine path's
     * coefficients equal the Java path's, relative to the largest coefficient.
     */
    @ParameterizedTest
    @CsvSource({"2, 8, 2, 1, 28, 28", "2, 4, 2, 3, 32, 32", "3, 4, 2, 1, 40, 48"})
    void engineEqualsJava(int scales, int angles, int batch, int channels, int height, int width) {
        float[] images = random(batch * channels * height * width, scales * 31 + height);
        Shape shape = new Shape(batch, channels, height, width);
        ScatteringBlock engine = new ScatteringBlock(scales, angles, channels, height, width, ScatNetParameters.ENGINE);
        ScatteringBlock java = new ScatteringBlock(scales, angles, channels, height, width, ScatNetParameters.JAVA);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(images, shape);
            NDArray expected = forward(java, x);
            NDArray actual = forward(engine, x);
            assertEquals(expected.getShape(), actual.getShape());
            assertEquals(java.getOutputShapes(new Shape[] {shape})[0], actual.getShape());
            assertClose(expected.toFloatArray(), actual.toFloatArray());
        }
    }

    /**
     * Several CPU devices stand in for several GPUs: on cpu(1) the engine path keeps the input's
     * device, with constants of its own there, and gives the same coefficients.
     */
    @Test
    void engineRunsOnTheInputsDevice() {
        ScatteringBlock engine = new ScatteringBlock(2, 4, 3, 16, 16, ScatNetParameters.ENGINE);
        float[] images = random(2 * 3 * 16 * 16, 7);
        Shape shape = new Shape(2, 3, 16, 16);
        try (NDManager first = NDManager.newBaseManager(Device.cpu()); NDManager second = NDManager.newBaseManager(Device.of(Device.Type.CPU, 1))) {
            NDArray onFirst = forward(engine, first.create(images, shape));
            NDArray onSecond = forward(engine, second.create(images, shape));
            assertEquals(Device.of(Device.Type.CPU, 1), onSecond.getDevice());
            assertEquals(Device.cpu(), onFirst.getDevice());
            assertClose(onFirst.toFloatArray(), onSecond.toFloatArray());
            assertClose(forward(new ScatteringBlock(2, 4, 3, 16, 16, ScatNetParameters.JAVA), first.create(images, shape))
                    .toFloatArray(), onSecond.toFloatArray());
        }
    }

    /**
     * Nothing accumulates per forward pass: the input's manager gains exactly the output, every
     * temporary is gone when the pass returns (here a batch of two chunks, whose coefficients still
     * equal the Java path's), and the constants' manager holds one array per matrix, however many
     * passes ran.
     */
    @Test
    void forwardPassesLeaveOnlyTheirOutput() {
        int channels = 2;
        Scattering2D java = new Scattering2D(2, 8, 24, 24);
        EngineScattering engine = new EngineScattering(java);
        int batch = (int) (engine.chunkImages() / channels + 1);
        float[] images = random(batch * channels * 24 * 24, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(images, new Shape(batch, channels, 24, 24));
            int before = m.getManagedArrays().size();
            for (int pass = 0; pass < 3; pass++) {
                NDArray y = engine.transform(x);
                assertEquals(m, y.getManager());
                assertEquals(before + 1, m.getManagedArrays().size(), "arrays on the input's manager after pass " + pass);
                if (pass == 0) {
                    assertClose(java.transform(images, batch * channels), y.toFloatArray());
                }
                y.close();
                assertEquals(engine.constantCount(), engine.constantsManager(Device.cpu()).getManagedArrays().size());
            }
        }
        ScatteringBlock block = new ScatteringBlock(2, 4, 1, 16, 16, ScatNetParameters.ENGINE);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(random(16 * 16, 4), new Shape(1, 1, 16, 16));
            int before = m.getManagedArrays().size();
            forward(block, x);
            forward(block, x);
            assertEquals(before + 2, m.getManagedArrays().size());
        }
    }

    /** The input is detached from its gradient: none flows back from the coefficients into the image. */
    @Test
    void noGradientFlowsIntoTheImage() {
        ScatteringBlock block = new ScatteringBlock(2, 4, 1, 16, 16, ScatNetParameters.ENGINE);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(random(16 * 16, 9), new Shape(1, 1, 16, 16));
            x.setRequiresGradient(true);
            try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                NDArray y = forward(block, x);
                collector.backward(y.sum().add(x.sum()));
            }
            // only x.sum() contributes: d/dx = 1 everywhere
            for (float g : x.getGradient().toFloatArray()) {
                assertEquals(1f, g, 0f);
            }
        }
    }

    @Test
    void implementationIsValidatedAndAutoPicksJavaOnCpu() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ScatNetParameters(2, 16, "none", 1.0, "gpu"));
        assertTrue(e.getMessage().contains("backbone.implementation"), e.getMessage());
        assertTrue(e.getMessage().contains("auto, java, engine"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ScatNetParameters(2, 16, "none", 1.0, null));
        assertEquals(ScatNetParameters.AUTO, new ScatNetParameters(2, 16, "none").implementation());
        assertEquals(ScatNetParameters.AUTO, new ScatNetParameters(2, 16, "none", 0.5).implementation());

        InputTransform auto = new ScatteringBlock(2, 4, 1, 16, 16);
        assertFalse(auto.computedOnDevice(Device.cpu()));
        assertTrue(auto.computedOnDevice(Device.gpu()));
        InputTransform java = new ScatteringBlock(2, 4, 1, 16, 16, ScatNetParameters.JAVA);
        assertFalse(java.computedOnDevice(Device.gpu()));
        InputTransform engine = new ScatteringBlock(2, 4, 1, 16, 16, ScatNetParameters.ENGINE);
        assertTrue(engine.computedOnDevice(Device.cpu()));
        assertTrue(engine.computedOnDevice(Device.gpu()));
    }

    /**
     * The multiply-adds of {@link EngineScattering#multiplyAccumulatesPerImage()} are the ones its
     * matrix products do; prints the figures for J 2, L 16 RGB at 32x32 and 96x96.
     */
    @Test
    void multiplyAccumulateCountMatchesTheProducts() {
        EngineScattering engine = new EngineScattering(new Scattering2D(3, 4, 20, 28));
        try (NDManager m = NDManager.newBaseManager()) {
            engine.transform(m.create(random(2 * 20 * 28, 1), new Shape(1, 2, 20, 28))).close();
        }
        assertEquals(2 * engine.multiplyAccumulatesPerImage(), engine.multiplyAccumulatesDone());
        for (int size : new int[] {32, 96}) {
            long rgb = 3 * new EngineScattering(new Scattering2D(2, 16, size, size)).multiplyAccumulatesPerImage();
            System.out.printf("engine scattering J=2 L=16 %dx%d RGB: %,d multiply-adds per image (%.1f M)%n", size, size,
                    rgb, rgb / 1e6);
        }
    }

    private static NDArray forward(ScatteringBlock block, NDArray x) {
        return block.forward(new ParameterStore(x.getManager(), false), new NDList(x), false).head();
    }

    private static float[] random(int size, long seed) {
        Random random = new Random(seed);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        double largest = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            largest = Math.max(largest, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(largest > 0);
        assertTrue(worst <= TOLERANCE * largest, "max |engine - java| = " + worst + ", largest coefficient " + largest);
    }
}
