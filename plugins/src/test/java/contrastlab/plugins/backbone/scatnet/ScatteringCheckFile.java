package contrastlab.plugins.backbone.scatnet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes random RGB images and their J=2, L=16 scattering coefficients for
 * {@code benchmarks/scattering_torch_peer.py --check FILE}, which recomputes them with its port of
 * kymatio's torch backend and reports the largest difference. Little-endian: nine int32 (J, L, images,
 * channels, height, width, K, out height, out width), the images (float32, (N, C, H, W)), then the
 * coefficients (float32, (N, C, K, H / 2^J, W / 2^J)).
 *
 * <pre>java -cp ... contrastlab.plugins.backbone.scatnet.ScatteringCheckFile FILE SIZE [IMAGES]</pre>
 */
public final class ScatteringCheckFile {

    private static final int SCALES = 2;
    private static final int ANGLES = 16;
    private static final int CHANNELS = 3;

    private ScatteringCheckFile() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ScatteringCheckFile FILE SIZE [IMAGES]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        int images = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        write(file, size, images);
        System.out.println("wrote " + images + " RGB images of " + size + "x" + size + " and their coefficients to " + file);
    }

    static void write(Path file, int size, int images) throws IOException {
        Scattering2D scattering = new Scattering2D(SCALES, ANGLES, size, size);
        // images in [0, 1) like torch.rand, plus a smooth ramp so the low-pass maps are not all alike
        Random random = new Random(size * 7919L + images);
        float[] pixels = new float[images * CHANNELS * size * size];
        for (int i = 0; i < pixels.length; i++) {
            int x = i % size;
            pixels[i] = 0.5f * random.nextFloat() + 0.5f * x / size;
        }
        float[] coefficients = scattering.transform(pixels, images * CHANNELS);
        int[] header = {SCALES, ANGLES, images, CHANNELS, size, size, scattering.coefficients(), scattering.outHeight(),
            scattering.outWidth()};
        ByteBuffer bytes = ByteBuffer.allocate(4 * (header.length + pixels.length + coefficients.length))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int v : header) {
            bytes.putInt(v);
        }
        for (float v : pixels) {
            bytes.putFloat(v);
        }
        for (float v : coefficients) {
            bytes.putFloat(v);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes.array());
        }
    }
}
