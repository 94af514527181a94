package contrastlab.plugins.backbone.scatnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * The scatnet block's two implementations on this machine's CPU, J=2, L=16 RGB, in alternating rounds
 * on the same batch so that a load that comes and goes on a shared machine hits both alike: wall-clock
 * images per second and images per process CPU-second (all threads, MXNet's OpenMP ones included), and
 * the engine path's multiply-adds per image.
 *
 * <pre>java -cp plugins/target/classes:plugins/target/test-classes:$(cat cp.txt) \
 *     contrastlab.plugins.backbone.scatnet.EngineScatteringSpeed [rounds] [size:batch ...]</pre>
 */
public final class EngineScatteringSpeed {

    private EngineScatteringSpeed() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String[] runs = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[] {"32:64", "96:8"};
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (String run : runs) {
            int size = Integer.parseInt(run.split(":")[0]);
            int batch = Integer.parseInt(run.split(":")[1]);
            ScatteringBlock java = new ScatteringBlock(2, 16, 3, size, size, ScatNetParameters.JAVA);
            ScatteringBlock engine = new ScatteringBlock(2, 16, 3, size, size, ScatNetParameters.ENGINE);
            long macs = 3 * new EngineScattering(new Scattering2D(2, 16, size, size)).multiplyAccumulatesPerImage();
            float[] images = new float[batch * 3 * size * size];
            Random random = new Random(size);
            for (int i = 0; i < images.length; i++) {
                images[i] = random.nextFloat();
            }
            double[] wall = new double[2];
            double[] cpu = new double[2];
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = m.create(images, new Shape(batch, 3, size, size));
                ParameterStore store = new ParameterStore(m, false);
                ScatteringBlock[] blocks = {java, engine};
                for (ScatteringBlock block : blocks) {
                    block.forward(store, new NDList(x), false).head().close(); // warm-up
                }
                for (int round = 0; round < rounds; round++) {
                    for (int b = 0; b < 2; b++) {
                        long cpuStart = os.getProcessCpuTime();
                        long start = System.nanoTime();
                        blocks[b].forward(store, new NDList(x), false).head().close();
                        wall[b] += (System.nanoTime() - start) / 1e9;
                        cpu[b] += (os.getProcessCpuTime() - cpuStart) / 1e9;
                    }
                }
            }
            int images1 = rounds * batch;
            System.out.printf("scatnet J=2 L=16 %dx%d RGB, batch %d, %d alternating rounds: java %.1f img/s (%.1f img/CPU-s), "
                    + "engine %.1f img/s (%.1f img/CPU-s) -> java %.1fx faster (wall), %.1fx (CPU); engine %,d multiply-adds "
                    + "per image (%.2f GMAC/s)%n", size, size, batch, rounds, images1 / wall[0], images1 / cpu[0],
                    images1 / wall[1], images1 / cpu[1], wall[1] / wall[0], cpu[1] / cpu[0], macs,
                    macs * images1 / wall[1] / 1e9);
        }
    }
}
