package contrastlab.plugins.backbone.scatnet;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntUnaryOperator;

/**
 * The scattering of {@link Scattering2D} as engine operations, so that it runs on the device of its
 * input (a GPU): every DFT is a real matrix product (MXNet has no FFT). A complex array is stored with
 * its real and imaginary parts side by side along the axis being transformed ({@code [re | im]}), and
 * a complex matrix A acts on it as the real block matrix [[Ar, -Ai], [Ai, Ar]] (one FullyConnected).
 *
 * <p>What is folded into the matrices: the reflect padding into the first forward DFT (F P), the
 * Fourier periodisation and the inverse DFT at the lower resolution into one (m / 2^j) x m matrix per
 * axis (periodising a spectrum is decimating the signal, so it is every 2^j-th row of the inverse DFT
 * matrix), and for order 0 the padding into {@link LowPass}'s real matrices, which do every final
 * low-pass. The filters are {@link FilterBank}'s; the DFT matrices are built in double precision and
 * rounded once to float32, so the coefficients equal the Java path's to float32 precision.
 *
 * <p>Spectra are kept transposed ({@code (v, [re u | im u])}) so that each 2-D transform needs one
 * transpose: the first product contracts the last axis and writes (index, re/im) pairs, a transpose
 * of the last two axes brings the other axis last as [re | im], the second product contracts it.
 * The modulus sums re^2 and im^2 with a product too (MXNet's CPU reductions are slow). The band-pass
 * filters of a scale multiply a spectrum by broadcasting, every path of a scale at once; a batch is
 * cut into chunks so that no intermediate array exceeds {@link #CHUNK_VALUES} values.
 *
 * <p>Constants live on one long-lived manager per device, made on first use on that device; every
 * temporary lives on a sub-manager of the input's manager that is closed before returning, and the
 * result is attached to the input's manager. The input is detached from any gradient first: the
 * transform has no parameters and no gradient flows into the image, as on the Java path.
 */
final class EngineScattering {

    /** Values per intermediate array at most (32 MiB of float32): bounds the memory of a chunk. */
    static final long CHUNK_VALUES = 1L << 23;

    /** The Java path, whose geometry, filters and low-pass this one shares. */
    private final Scattering2D java;
    private final int scales;
    private final int angles;
    private final int m;
    private final int n;
    private final List<HostMatrix> host = new ArrayList<>();
    private final Map<Device, DeviceConstants> devices = new ConcurrentHashMap<>();
    private final LongAdder multiplyAccumulates = new LongAdder();

    private final int order0Columns;
    private final int order0Rows;
    private final int forwardColumns;
    private final int forwardRows;
    /** psi[j][res]: the L filters of scale j at resolution res, transposed, {@code (L, n_res, 2 m_res)}. */
    private final int[][] psi;
    /** Real DFT of the rows' columns at resolution res, {@code [re; im]} stacked: (2 n_res) x n_res. */
    private final int[] dftColumns;
    /** Complex DFT block of the rows at resolution res: (2 m_res) x (2 m_res). */
    private final int[] dftRows;
    /** inverseRows[res][s]: periodisation by 2^s + inverse DFT along the rows, (2 m_res/2^s) x (2 m_res). */
    private final int[][] inverseRows;
    private final int[][] inverseColumns;
    /** pairSums[res][s]: [I | I], (n_res/2^s) x (2 n_res/2^s): re^2 + im^2 of a [re | im] row. */
    private final int[][] pairSums;
    private final int[] lowPassRows;
    private final int[] lowPassColumns;

    /** A constant in host memory, rounded once from double. */
    private record HostMatrix(float[] values, Shape shape) {}

    /** The constants on one device, in {@link #host}'s order, on a manager of their own. */
    private record DeviceConstants(NDManager manager, NDArray[] arrays) {}

    EngineScattering(Scattering2D java) {
        this.java = java;
        scales = java.scales();
        angles = java.angles();
        m = java.paddedHeight();
        n = java.paddedWidth();
        int height = java.height();
        int width = java.width();
        int outRows = java.outHeight();
        int outColumns = java.outWidth();
        LowPass lowPass = java.lowPass();
        FilterBank bank = java.filters();
        // order 0: the low-pass of the padded image, S0 = (R_0 P_r) x (C_0 P_c)^T
        order0Rows = add(padded(lowPass.rows(0), outRows, m, height, java::sourceRow), outRows, height);
        order0Columns = add(padded(lowPass.columns(0), outColumns, n, width, java::sourceColumn), outColumns, width);
        // the first forward DFT with the padding folded in: A = F P, per axis
        double[][] aColumns = paddedDft(n, width, java::sourceColumn);
        double[][] aRows = paddedDft(m, height, java::sourceRow);
        forwardColumns = add(interleaved(stacked(aColumns[0], aColumns[1]), n, width), 2 * n, width);
        forwardRows = add(block(aRows[0], aRows[1], m, height), 2 * m, 2 * height);
        psi = new int[scales][];
        dftColumns = new int[scales];
        dftRows = new int[scales];
        inverseRows = new int[scales][];
        inverseColumns = new int[scales][];
        pairSums = new int[scales][];
        lowPassRows = new int[scales];
        lowPassColumns = new int[scales];
        for (int j = 0; j < scales; j++) {
            // FilterBank's resolutions of scale j: the ones the paths through it use
            psi[j] = new int[Math.min(j + 1, Math.max(scales - 1, 1))];
            for (int res = 0; res < psi[j].length; res++) {
                psi[j][res] = add(filters(bank, j, res), angles, n >> res, 2 * (m >> res));
            }
        }
        for (int res = 0; res < scales; res++) {
            int mr = m >> res;
            int nr = n >> res;
            double[][] fc = dft(nr, -1, 1.0, 1);
            double[][] fr = dft(mr, -1, 1.0, 1);
            dftColumns[res] = add(interleaved(stacked(fc[0], fc[1]), nr, nr), 2 * nr, nr);
            dftRows[res] = add(block(fr[0], fr[1], mr, mr), 2 * mr, 2 * mr);
            inverseRows[res] = new int[scales - res];
            inverseColumns[res] = new int[scales - res];
            pairSums[res] = new int[scales - res];
            for (int s = 0; s < scales - res; s++) {
                int k = 1 << s;
                double[][] gr = dft(mr, +1, 1.0 / mr, k);
                double[][] gc = dft(nr, +1, 1.0 / nr, k);
                inverseRows[res][s] = add(interleaved(block(gr[0], gr[1], mr / k, mr), mr / k, 2 * mr), 2 * (mr / k), 2 * mr);
                inverseColumns[res][s] = add(block(gc[0], gc[1], nr / k, nr), 2 * (nr / k), 2 * nr);
                pairSums[res][s] = add(pairSum(nr / k), nr / k, 2 * (nr / k));
            }
            lowPassRows[res] = add(lowPass.rows(res), outRows, mr);
            lowPassColumns[res] = add(lowPass.columns(res), outColumns, nr);
        }
    }

    private int add(float[] values, long... shape) {
        host.add(new HostMatrix(values, new Shape(shape)));
        return host.size() - 1;
    }

    private int add(double[] values, long... shape) {
        float[] rounded = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            rounded[i] = (float) values[i];
        }
        return add(rounded, shape);
    }

    /**
     * {@code scale * exp(sign 2 pi i (a step) x / size)} for a in [0, size / step), x in [0, size):
     * the forward DFT (sign -1, scale 1, step 1) or, for sign +1, scale 1 / size and step k, the
     * inverse DFT at resolution size / k of a spectrum periodised by k (its every k-th row). Returns
     * {re, im}, row-major (size / step) x size.
     */
    static double[][] dft(int size, int sign, double scale, int step) {
        int rows = size / step;
        double[] re = new double[rows * size];
        double[] im = new double[rows * size];
        for (int a = 0; a < rows; a++) {
            for (int x = 0; x < size; x++) {
                double angle = sign * 2 * Math.PI * (((long) a * step * x) % size) / size;
                re[a * size + x] = scale * Math.cos(angle);
                im[a * size + x] = scale * Math.sin(angle);
            }
        }
        return new double[][] {re, im};
    }

    /** The forward DFT of the reflect-padded signal, F P: (size x source) complex, {re, im}. */
    private static double[][] paddedDft(int size, int source, IntUnaryOperator sourceIndex) {
        double[][] f = dft(size, -1, 1.0, 1);
        double[] re = new double[size * source];
        double[] im = new double[size * source];
        for (int u = 0; u < size; u++) {
            for (int x = 0; x < size; x++) {
                int s = sourceIndex.applyAsInt(x);
                re[u * source + s] += f[0][u * size + x];
                im[u * source + s] += f[1][u * size + x];
            }
        }
        return new double[][] {re, im};
    }

    /** A real (rows x size) matrix applied to the padded signal: M P, (rows x source), summed in double. */
    private static double[] padded(float[] matrix, int rows, int size, int source,
            IntUnaryOperator sourceIndex) {
        double[] out = new double[rows * source];
        for (int a = 0; a < rows; a++) {
            for (int x = 0; x < size; x++) {
                out[a * source + sourceIndex.applyAsInt(x)] += matrix[a * size + x];
            }
        }
        return out;
    }

    /** [re; im] stacked by rows: a real input times its transpose gives [real part | imaginary part]. */
    private static double[] stacked(double[] re, double[] im) {
        double[] out = new double[re.length + im.length];
        System.arraycopy(re, 0, out, 0, re.length);
        System.arraycopy(im, 0, out, re.length, im.length);
        return out;
    }

    /**
     * The complex (rows x columns) matrix A as the real (2 rows x 2 columns) weight [[Ar, -Ai], [Ai, Ar]]
     * of FullyConnected: [zr | zi] times its transpose is [re | im] of z A^T.
     */
    static double[] block(double[] re, double[] im, int rows, int columns) {
        int stride = 2 * columns;
        double[] out = new double[2 * rows * stride];
        for (int a = 0; a < rows; a++) {
            for (int x = 0; x < columns; x++) {
                double r = re[a * columns + x];
                double i = im[a * columns + x];
                out[a * stride + x] = r;
                out[a * stride + columns + x] = -i;
                out[(rows + a) * stride + x] = i;
                out[(rows + a) * stride + columns + x] = r;
            }
        }
        return out;
    }

    /**
     * The rows of a [re; im] weight ({@code 2 half} rows of {@code columns}) reordered re, im, re, im...,
     * so that its product comes out as (index, re/im) pairs: transposing the last two axes of
     * {@code (p, a, (b, 2))} then gives {@code (p, b, [re a | im a])}, ready for the other axis's product.
     */
    private static double[] interleaved(double[] weight, int half, int columns) {
        double[] out = new double[weight.length];
        for (int a = 0; a < half; a++) {
            System.arraycopy(weight, a * columns, out, 2 * a * columns, columns);
            System.arraycopy(weight, (half + a) * columns, out, (2 * a + 1) * columns, columns);
        }
        return out;
    }

    /** [I | I], size x (2 size): the sum of the real and imaginary halves of a row. */
    private static float[] pairSum(int size) {
        float[] out = new float[2 * size * size];
        for (int i = 0; i < size; i++) {
            out[i * 2 * size + i] = 1;
            out[i * 2 * size + size + i] = 1;
        }
        return out;
    }

    /** The L filters of scale j at resolution res, transposed, each repeated for [re | im]: (L, n_res, 2 m_res). */
    private float[] filters(FilterBank bank, int j, int res) {
        int mr = m >> res;
        int nr = n >> res;
        float[] out = new float[angles * nr * 2 * mr];
        for (int t = 0; t < angles; t++) {
            float[] f = bank.psiTransposed(j, t, res);
            for (int v = 0; v < nr; v++) {
                int dst = (t * nr + v) * 2 * mr;
                System.arraycopy(f, v * mr, out, dst, mr);
                System.arraycopy(f, v * mr, out, dst + mr, mr);
            }
        }
        return out;
    }

    /**
     * The constants on {@code device}, uploaded on first use to a manager of their own that lives as
     * long as this object (a few MB: the block has no close to release them earlier).
     */
    private DeviceConstants constants(Device device) {
        return devices.computeIfAbsent(device, d -> {
            NDManager manager = NDManager.newBaseManager(d);
            manager.setName("scatnet-engine-constants");
            NDArray[] arrays = new NDArray[host.size()];
            for (int i = 0; i < arrays.length; i++) {
                arrays[i] = manager.create(host.get(i).values(), host.get(i).shape());
            }
            return new DeviceConstants(manager, arrays);
        });
    }

    /** The number of constant matrices (for tests). */
    int constantCount() {
        return host.size();
    }

    /** The manager of the constants on {@code device} (for tests). */
    NDManager constantsManager(Device device) {
        return constants(device).manager();
    }

    /** Single-channel images per chunk: no intermediate array exceeds {@link #CHUNK_VALUES} values. */
    long chunkImages() {
        return Math.max(1, CHUNK_VALUES / largestValuesPerImage());
    }

    /**
     * Scatters {@code x} ({@code (N, C, H, W)}, any float type, any device) into {@code (N, C K, H / 2^J,
     * W / 2^J)} float32 on the same device, attached to x's manager.
     */
    NDArray transform(NDArray x) {
        Shape shape = x.getShape();
        long images = shape.get(0) * shape.get(1);
        NDArray[] c = constants(x.getDevice()).arrays();
        NDManager caller = x.getManager();
        try (NDManager scope = caller.newSubManager()) {
            NDArray input = x.stopGradient();
            input.attach(scope);
            input = input.toType(DataType.FLOAT32, false).reshape(images, java.height(), java.width());
            long chunk = chunkImages();
            NDList pieces = new NDList();
            for (long start = 0; start < images; start += chunk) {
                long end = Math.min(images, start + chunk);
                // each chunk's temporaries are freed before the next one starts
                try (NDManager chunkScope = scope.newSubManager()) {
                    NDArray part = chunk >= images ? input : input.get(new NDIndex("{}:{}", start, end));
                    part.attach(chunkScope);
                    NDArray coefficientsT = chunk(part, end - start, c);
                    coefficientsT.attach(scope);
                    pieces.add(coefficientsT);
                }
            }
            NDArray all = pieces.size() == 1 ? pieces.head() : NDArrays.concat(pieces, 0);
            // (images, K, w, h) -> (N, C K, h, w)
            NDArray y = all.transpose(0, 1, 3, 2)
                    .reshape(shape.get(0), shape.get(1) * java.coefficients(), java.outHeight(), java.outWidth());
            y.attach(caller);
            return y;
        }
    }

    /** The coefficients of {@code b} single-channel images {@code (b, H, W)}, transposed: {@code (b, K, w, h)}. */
    private NDArray chunk(NDArray x, long b, NDArray[] c) {
        int w = java.outWidth();
        int h = java.outHeight();
        NDList maps = new NDList();
        // order 0: (b, H, w) -> (b, w, H) -> (b, w, h)
        maps.add(linear(linear(x, c[order0Columns]).transpose(0, 2, 1), c[order0Rows]).reshape(b, 1, w, h));
        // X0^T: (b, H, 2n) -> (b, n, 2H) -> (b, n, 2m), one path
        NDArray spectrum = linear(swapComplex(linear(x, c[forwardColumns]), b, java.height(), n), c[forwardRows])
                .reshape(b, 1, n, 2 * m);
        List<NDArray> secondOrder = new ArrayList<>();
        for (int j1 = 0; j1 < scales; j1++) {
            // U1 = |G (X0 psi) G^T| for the L angles: (b, L, m1, n1)
            NDArray u1 = inverse(spectrum.mul(c[psi[j1][0]]), b * angles, 0, j1, c);
            maps.add(lowPass(u1, j1, c).reshape(b, angles, w, h));
            if (j1 == scales - 1) {
                continue;
            }
            int m1 = m >> j1;
            int n1 = n >> j1;
            // X1^T of every U1: (b L, m1, 2 n1) -> (b L, n1, 2 m1)
            NDArray spectrum1 = linear(swapComplex(linear(u1, c[dftColumns[j1]]), b * angles, m1, n1), c[dftRows[j1]])
                    .reshape(b, angles, 1, n1, 2 * m1);
            u1.close();
            NDList byScale = new NDList();
            for (int j2 = j1 + 1; j2 < scales; j2++) {
                NDArray u2 = inverse(spectrum1.mul(c[psi[j2][j1]]), b * angles * angles, j1, j2 - j1, c);
                byScale.add(lowPass(u2, j2, c).reshape(b, angles, angles, w, h));
                u2.close();
            }
            spectrum1.close();
            NDArray paths = byScale.size() == 1 ? byScale.head() : NDArrays.concat(byScale, 2);
            secondOrder.add(paths.reshape(b, (long) angles * angles * (scales - 1 - j1), w, h));
        }
        maps.addAll(secondOrder);
        return NDArrays.concat(maps, 1);
    }

    /**
     * |G_m W G_n^T| of {@code paths} transposed spectra {@code w} ({@code (..., n_res, 2 m_res)}, consumed)
     * periodised by 2^{@code step}: {@code (paths, m_res / 2^step, n_res / 2^step)}, not transposed.
     */
    private NDArray inverse(NDArray w, long paths, int res, int step, NDArray[] c) {
        int mr = m >> res;
        int nr = n >> res;
        int mo = mr >> step;
        NDArray rows = linear(w, c[inverseRows[res][step]]);
        w.close();
        NDArray swapped = swapComplex(rows, paths, nr, mo);
        rows.close();
        NDArray z = linear(swapped, c[inverseColumns[res][step]]);
        swapped.close();
        NDArray squares = z.square();
        z.close();
        // re^2 + im^2 as a product with [I | I]: far faster on MXNet's CPU than a sum over the re/im axis
        NDArray modulus = linear(squares, c[pairSums[res][step]]).sqrt();
        squares.close();
        return modulus;
    }

    /**
     * (p, a, (b, re/im)) -> (p, b, [re a | im a]): the complex array transposed, so that the next
     * product contracts the other axis. A transpose of the last two axes: MXNet's 3-D transpose is
     * several times faster here than the 4-D one a [re b | im b] layout would need.
     */
    private static NDArray swapComplex(NDArray x, long p, int a, int b) {
        return x.reshape(p, a, 2L * b).transpose(0, 2, 1).reshape(p, b, 2L * a);
    }

    /** R_r U C_r^T of {@code (paths, m_r, n_r)} moduli, transposed: {@code (paths, w, h)}. */
    private NDArray lowPass(NDArray u, int res, NDArray[] c) {
        return linear(linear(u, c[lowPassColumns[res]]).transpose(0, 2, 1), c[lowPassRows[res]]);
    }

    /** x W^T over the last axis (MXNet's FullyConnected, as fast as matMul here and needing no reshape). */
    private NDArray linear(NDArray x, NDArray weight) {
        Shape w = weight.getShape();
        multiplyAccumulates.add(x.size() / w.get(1) * w.size());
        return Linear.linear(x, weight).head();
    }

    /** Multiply-adds of the matrix products done so far (for tests). */
    long multiplyAccumulatesDone() {
        return multiplyAccumulates.sum();
    }

    /** Values of the largest intermediate array per single-channel image: the product of X1^T with the filters. */
    private long largestValuesPerImage() {
        long first = (long) angles * n * 2 * m;
        long second = scales > 1 ? (long) angles * angles * n * 2 * m : 0;
        return Math.max(first, second);
    }

    /**
     * The multiply-adds of the matrix products per single-channel image, as {@link #transform} does
     * them (elementwise products, transposes and the modulus not counted).
     */
    long multiplyAccumulatesPerImage() {
        long height = java.height();
        long width = java.width();
        long macs = height * java.outWidth() * width + (long) java.outWidth() * java.outHeight() * height;
        macs += height * 2 * n * width + (long) n * 2 * m * 2 * height;
        for (int j1 = 0; j1 < scales; j1++) {
            macs += angles * (inverseCost(0, j1) + lowPassCost(j1));
            if (j1 == scales - 1) {
                continue;
            }
            int m1 = m >> j1;
            int n1 = n >> j1;
            macs += angles * ((long) m1 * 2 * n1 * n1 + (long) n1 * 2 * m1 * 2 * m1);
            for (int j2 = j1 + 1; j2 < scales; j2++) {
                macs += (long) angles * angles * (inverseCost(j1, j2 - j1) + lowPassCost(j2));
            }
        }
        return macs;
    }

    private long inverseCost(int res, int step) {
        long mr = m >> res;
        long nr = n >> res;
        long mo = mr >> step;
        long no = nr >> step;
        return nr * (2 * mo) * (2 * mr) + mo * (2 * no) * (2 * nr) + mo * no * (2 * no);
    }

    private long lowPassCost(int res) {
        long mr = m >> res;
        long nr = n >> res;
        return mr * java.outWidth() * nr + (long) java.outWidth() * java.outHeight() * mr;
    }
}
