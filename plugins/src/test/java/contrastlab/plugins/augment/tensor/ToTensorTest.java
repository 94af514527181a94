package contrastlab.plugins.augment.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import contrastlab.api.augment.Image;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ToTensorTest {

    @Test
    void roundsToTheNearestEightBitLevelAndClamps() {
        float[] px = {-0.2f, 0f, 1.4f / 255, 1.5f / 255, 1.6f / 255, 127.5f / 255, 254.49f / 255, 1f, 1.3f};
        float[] out = new ToTensor().apply(new Image(1, 1, px.length, px.clone()), new SplittableRandom(0)).pixels();
        int[] levels = {0, 0, 1, 2, 2, 128, 254, 255, 255};
        for (int i = 0; i < px.length; i++) {
            assertEquals(levels[i] / 255f, out[i], 0f, "value " + px[i]);
        }
    }

    @Test
    void eightBitImagesPassUnchanged() {
        float[] px = new float[256];
        for (int k = 0; k < 256; k++) {
            px[k] = k / 255f;
        }
        float[] out = new ToTensorPlugin().create(new ToTensorParameters())
                .apply(new Image(1, 16, 16, px.clone()), new SplittableRandom(0)).pixels();
        for (int k = 0; k < 256; k++) {
            assertEquals(px[k], out[k], 0f);
        }
    }
}
