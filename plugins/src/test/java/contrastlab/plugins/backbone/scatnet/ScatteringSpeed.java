package contrastlab.plugins.backbone.scatnet;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * Single-thread speed of {@link Scattering2D} in RGB images per CPU-second (the calling thread's CPU
 * time, so other jobs on the machine do not inflate it): kymatio's J=2, L=16 on 32x32 and 96x96,
 * every colour channel scattered, as ScatSimCLR does. The peer figure comes from
 * benchmarks/scattering_torch_peer.py with --threads 1.
 *
 * <pre>java -cp plugins/target/classes:plugins/target/test-classes:JTransforms... \
 *     contrastlab.plugins.backbone.scatnet.ScatteringSpeed [seconds per size] [sizes...]</pre>
 */
public final class ScatteringSpeed {

    private ScatteringSpeed() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int[] sizes = {32, 96};
        if (args.length > 1) {
            sizes = new int[args.length - 1];
            for (int i = 1; i < args.length; i++) {
                sizes[i - 1] = Integer.parseInt(args[i]);
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int size : sizes) {
            Scattering2D scattering = new Scattering2D(2, 16, size, size);
            int channels = 3;
            int images = 8;
            float[] in = new float[images * channels * size * size];
            Random random = new Random(size);
            for (int i = 0; i < in.length; i++) {
                in[i] = random.nextFloat();
            }
            float[] out = new float[channels * scattering.outputSize()];
            // warm-up: let the JIT compile the hot loops before timing
            long warmEnd = threads.getCurrentThreadCpuTime() + (long) (0.3 * seconds * 1e9);
            int index = 0;
            while (threads.getCurrentThreadCpuTime() < warmEnd) {
                scatterRgb(scattering, in, index++ % images, size, out);
            }
            long start = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            int done = 0;
            while (threads.getCurrentThreadCpuTime() < end) {
                scatterRgb(scattering, in, done % images, size, out);
                done++;
            }
            double cpu = (threads.getCurrentThreadCpuTime() - start) / 1e9;
            double wall = (System.nanoTime() - wallStart) / 1e9;
            System.out.printf("java Scattering2D J=2 L=16 %dx%d RGB, 1 thread: %.2f img/CPU-s (%d images, %.2f CPU-s, %.2f wall-s)%n",
                    size, size, done / cpu, done, cpu, wall);
        }
    }

    private static void scatterRgb(Scattering2D scattering, float[] in, int image, int size, float[] out) {
        int plane = size * size;
        for (int c = 0; c < 3; c++) {
            scattering.transform(in, (image * 3 + c) * plane, out, c * scattering.outputSize());
        }
    }
}
