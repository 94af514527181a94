package contrastlab.plugins.backbone.scatnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file the torch peer's --check reads: header, images, and the images' own coefficients. */
class ScatteringCheckFileTest {

    @Test
    void fileHoldsTheHeaderTheImagesAndTheirCoefficients(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("check.bin");
        ScatteringCheckFile.write(file, 16, 1);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int[] header = new int[9];
        for (int i = 0; i < header.length; i++) {
            header[i] = bytes.getInt();
        }
        assertArrayEquals(new int[] {2, 16, 1, 3, 16, 16, 289, 4, 4}, header);
        float[] images = new float[3 * 16 * 16];
        for (int i = 0; i < images.length; i++) {
            images[i] = bytes.getFloat();
        }
        float[] expected = new Scattering2D(2, 16, 16, 16).transform(images, 3);
        float[] coefficients = new float[3 * 289 * 16];
        for (int i = 0; i < coefficients.length; i++) {
            coefficients[i] = bytes.getFloat();
        }
        assertEquals(0, bytes.remaining());
        assertArrayEquals(expected, coefficients);
    }
}
