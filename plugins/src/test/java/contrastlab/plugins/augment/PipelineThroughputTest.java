package contrastlab.plugins.augment;

import static contrastlab.plugins.augment.AugmentTesting.randomImage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import contrastlab.api.util.Seeds;
import contrastlab.plugins.augment.blur.GaussianBlur;
import contrastlab.plugins.augment.color.ColorJitter;
import contrastlab.plugins.augment.color.Grayscale;
import contrastlab.plugins.augment.crop.RandomResizedCrop;
import contrastlab.plugins.augment.flip.HorizontalFlip;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SimCLR CIFAR view pipeline (crop, flip, jitter 0.8, grayscale 0.2, blur 0.5) on 32x32x3:
 * checks determinism and the value range, and logs a single-thread images/s figure (never asserted).
 */
class PipelineThroughputTest {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineThroughputTest.class);

    private static final Augmentation PIPELINE = new RandomResizedCrop(32, 32, 0.08, 1.0, 0.75, 4.0 / 3.0)
            .andThen(new HorizontalFlip(0.5))
            .andThen(ColorJitter.ofStrength(0.5, 0.8))
            .andThen(new Grayscale(0, 0.2))
            .andThen(new GaussianBlur(3, 0, 0.1, 2.0, 0.5));

    @Test
    void pipelineIsDeterministicPerSeedAndStaysInRange() {
        Image source = randomImage(3, 32, 32, 71);
        float[] a = PIPELINE.apply(source.copy(), Seeds.random(0, 1, 7, 0)).pixels();
        float[] b = PIPELINE.apply(source.copy(), Seeds.random(0, 1, 7, 0)).pixels();
        float[] otherView = PIPELINE.apply(source.copy(), Seeds.random(0, 1, 7, 1)).pixels();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, otherView));
    }

    @Test
    void sharedAcrossThreadsGivesTheSequentialResult() {
        Image source = randomImage(3, 32, 32, 72);
        int n = 400;
        float[][] sequential = new float[n][];
        for (int i = 0; i < n; i++) {
            sequential[i] = PIPELINE.apply(source.copy(), Seeds.random(5, 0, i, 0)).pixels();
        }
        float[][] parallel = new float[n][];
        IntStream.range(0, n).parallel()
                .forEach(i -> parallel[i] = PIPELINE.apply(source.copy(), Seeds.random(5, 0, i, 0)).pixels());
        for (int i = 0; i < n; i++) {
            assertArrayEquals(sequential[i], parallel[i], "image " + i);
        }
    }

    @Test
    void throughputOnOneThread() {
        Image[] sources = new Image[64];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = randomImage(3, 32, 32, 100 + i);
        }
        run(sources, 2000); // warm-up for the JIT
        int n = 10000;
        long start = System.nanoTime();
        double checksum = run(sources, n);
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("augmentation pipeline (crop+flip+jitter+gray+blur, 32x32x3, 1 thread): {} images/s",
                Math.round(n / seconds));
        assertTrue(Double.isFinite(checksum));
    }

    private static double run(Image[] sources, int n) {
        double checksum = 0;
        for (int i = 0; i < n; i++) {
            Image out = PIPELINE.apply(sources[i % sources.length].copy(), Seeds.random(1, 0, i, 0));
            assertEquals(3 * 32 * 32, out.pixels().length);
            float[] px = out.pixels();
            for (float v : px) {
                if (!(v >= 0f && v <= 1f)) {
                    throw new AssertionError("value outside [0, 1]: " + v);
                }
            }
            checksum += px[i % px.length];
        }
        return checksum;
    }
}
