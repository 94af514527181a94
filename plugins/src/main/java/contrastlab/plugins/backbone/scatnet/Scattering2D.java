package contrastlab.plugins.backbone.scatnet;

import java.util.stream.IntStream;

/**
 * kymatio's {@code Scattering2D(J, shape=(H, W), L, max_order=2)} (release 0.3) on single-channel
 * images, in float32: reflect padding to a multiple of 2^J, band-pass filtering by products in the
 * Fourier domain, modulus, Fourier-domain subsampling (alias averaging), low-pass, and the one-pixel
 * crop. Coefficients per image: K = 1 + J L + L^2 J (J - 1) / 2 maps of (H / 2^J) x (W / 2^J), in
 * kymatio's order — order 0, order 1 by (j1, theta1), order 2 by (j1, theta1) then (j2, theta2),
 * j2 > j1.
 *
 * <p>Thread-safe; each thread keeps its own {@link Workspace}.
 */
final class Scattering2D {

    private final int scales;
    private final int angles;
    private final int height;
    private final int width;
    private final int m;
    private final int n;
    private final int padTop;
    private final int padLeft;
    private final FilterBank bank;
    private final LowPass lowPass;
    /** Paths transformed together at each resolution (1 at full resolution). */
    private final int[] batch;
    private final ThreadLocal<Workspace> workspaces;

    /**
     * Complex values per batched array at most: beyond some 256 KiB per plane the FFT's two buffers
     * fall out of the core's cache.
     */
    private static final int BATCH_VALUES = 32768;

    Scattering2D(int scales, int angles, int height, int width) {
        if (scales < 1 || angles < 1) {
            throw new IllegalArgumentException("scattering needs J >= 1 and L >= 1, got J=" + scales + ", L=" + angles);
        }
        this.scales = scales;
        this.angles = angles;
        this.height = height;
        this.width = width;
        m = paddedSize(height, scales);
        n = paddedSize(width, scales);
        padTop = (m - height) / 2;
        padLeft = (n - width) / 2;
        if (m - height - padTop >= height || n - width - padLeft >= width) {
            throw new IllegalArgumentException("a " + height + "x" + width + " image is too small for J=" + scales
                    + ": reflect padding to " + m + "x" + n + " needs each side longer than its padding");
        }
        bank = new FilterBank(scales, angles, m, n);
        lowPass = new LowPass(scales, m, n);
        batch = new int[scales];
        for (int r = 0; r < scales; r++) {
            batch[r] = batchSize(r == 0 ? 1 : angles, (m >> r) * (n >> r));
        }
        workspaces = ThreadLocal.withInitial(
                () -> new Workspace(scales, m, n, batch, lowPass.outRows(), lowPass.outColumns()));
    }

    /** The largest divisor of {@code angles} whose batch of grids stays within {@link #BATCH_VALUES}. */
    static int batchSize(int angles, int gridSize) {
        int best = 1;
        for (int b = 1; b <= angles; b++) {
            if (angles % b == 0 && (long) b * gridSize <= BATCH_VALUES) {
                best = b;
            }
        }
        return best;
    }

    /** kymatio's compute_padding: ((size + 2^J) // 2^J + 1) * 2^J. */
    static int paddedSize(int size, int scales) {
        int k = 1 << scales;
        return ((size + k) / k + 1) * k;
    }

    /** Coefficient maps per input channel: 1 + J L + L^2 J (J - 1) / 2. */
    static int coefficients(int scales, int angles) {
        return 1 + scales * angles + angles * angles * scales * (scales - 1) / 2;
    }

    int coefficients() {
        return coefficients(scales, angles);
    }

    int outHeight() {
        return lowPass.outRows();
    }

    int outWidth() {
        return lowPass.outColumns();
    }

    /** Values per single-channel input: K x outHeight x outWidth. */
    int outputSize() {
        return coefficients() * outHeight() * outWidth();
    }

    FilterBank filters() {
        return bank;
    }

    LowPass lowPass() {
        return lowPass;
    }

    int scales() {
        return scales;
    }

    int angles() {
        return angles;
    }

    int height() {
        return height;
    }

    int width() {
        return width;
    }

    /** Rows of the padded grid, m. */
    int paddedHeight() {
        return m;
    }

    /** Columns of the padded grid, n. */
    int paddedWidth() {
        return n;
    }

    /** The image row that padded row {@code r} (0 <= r < m) copies. */
    int sourceRow(int r) {
        return reflect(r - padTop, height);
    }

    /** The image column that padded column {@code c} (0 <= c < n) copies. */
    int sourceColumn(int c) {
        return reflect(c - padLeft, width);
    }

    /**
     * Scatters {@code count} consecutive single-channel H x W images, in parallel over images (the
     * common fork-join pool plus the caller); image i's K maps go to {@code [i * outputSize(), ...)}.
     */
    float[] transform(float[] images, int count) {
        return transform(images, count, true);
    }

    /**
     * As {@link #transform(float[], int)}; {@code parallel = false} keeps the work on the calling thread
     * (data workers, which are already one per core).
     */
    float[] transform(float[] images, int count, boolean parallel) {
        int inSize = height * width;
        if (images.length < (long) count * inSize) {
            throw new IllegalArgumentException("expected " + count + " images of " + height + "x" + width + ", got "
                    + images.length + " values");
        }
        int outSize = outputSize();
        float[] out = new float[Math.multiplyExact(count, outSize)];
        IntStream range = IntStream.range(0, count);
        (parallel ? range.parallel() : range).forEach(i -> transform(images, i * inSize, out, i * outSize));
        return out;
    }

    /**
     * Scatters the single-channel image at {@code in[inOffset]}, writing K maps at {@code out[outOffset]}.
     * Spectra are planar and transposed (see {@link Fft2}), and so are the filters they meet; the
     * paths of one scale are transformed a batch at a time.
     */
    void transform(float[] in, int inOffset, float[] out, int outOffset) {
        Workspace ws = workspaces.get();
        int mapSize = outHeight() * outWidth();
        pad(in, inOffset, ws.padded);
        // order 0 straight from the padded image (the low-pass of fft2(pad(x)) at resolution 0)
        lowPass.apply(0, ws.padded, out, outOffset, ws.lowPass);
        toComplex(ws.padded, m * n, ws.u0);
        ws.fft[0].forward(ws.u0);
        for (int j1 = 0; j1 < scales; j1++) {
            Fft2 fft1 = ws.fft[j1];
            int b1 = fft1.batch();
            int m1 = m >> j1;
            int n1 = n >> j1;
            for (int first = 0; first < angles; first += b1) {
                // U1 = |ifft2(subsample(U0 psi(j1, t1), 2^j1))| for a batch of t1, then its low-pass
                for (int b = 0; b < b1; b++) {
                    multiplySubsample(ws.u0, 0, m, m * n, bank.psiTransposed(j1, first + b, 0), n, m, 1 << j1,
                            ws.work[j1], b * m1, b1 * m1, fft1.size());
                }
                fft1.inverse(ws.work[j1]);
                modulus(ws.work[j1], fft1.size(), ws.modulus[j1]);
                lowPass(j1, ws.modulus[j1], b1, out, outOffset + (1 + j1 * angles + first) * mapSize, mapSize, ws);
                if (j1 == scales - 1) {
                    continue;
                }
                toComplex(ws.modulus[j1], fft1.size(), ws.spectrum[j1]);
                fft1.forward(ws.spectrum[j1]);
                for (int b = 0; b < b1; b++) {
                    secondOrder(ws, j1, first + b, b, out, outOffset);
                }
            }
        }
    }

    /**
     * The second-order paths from U1(j1, t1), whose spectrum is grid {@code slot} of ws.spectrum[j1]:
     * for every j2 > j1, |ifft2(subsample(U1 psi(j2, t2), 2^(j2 - j1)))| a batch of t2 at a time, low-passed.
     */
    private void secondOrder(Workspace ws, int j1, int t1, int slot, float[] out, int outOffset) {
        int mapSize = outHeight() * outWidth();
        Fft2 fft1 = ws.fft[j1];
        int m1 = m >> j1;
        int n1 = n >> j1;
        int sourceStride = fft1.batch() * m1;
        for (int j2 = j1 + 1; j2 < scales; j2++) {
            Fft2 fft2 = ws.fft[j2];
            int b2 = fft2.batch();
            int m2 = m >> j2;
            for (int first = 0; first < angles; first += b2) {
                for (int b = 0; b < b2; b++) {
                    multiplySubsample(ws.spectrum[j1], slot * m1, sourceStride, fft1.size(),
                            bank.psiTransposed(j2, first + b, j1), n1, m1, 1 << (j2 - j1), ws.work[j2], b * m2,
                            b2 * m2, fft2.size());
                }
                fft2.inverse(ws.work[j2]);
                modulus(ws.work[j2], fft2.size(), ws.modulus[j2]);
                lowPass(j2, ws.modulus[j2], b2, out, outOffset + secondOrderMap(j1, t1, j2, first) * mapSize, mapSize,
                        ws);
            }
        }
    }

    /** kymatio's channel of path (j1, t1, j2, t2): after order 0 and 1, (j1, t1) outer and (j2, t2) inner. */
    int secondOrderMap(int j1, int t1, int j2, int t2) {
        int map = 1 + scales * angles;
        for (int j = 0; j < j1; j++) {
            map += angles * angles * (scales - 1 - j);
        }
        return map + t1 * angles * (scales - 1 - j1) + (j2 - j1 - 1) * angles + t2;
    }

    private void lowPass(int r, float[] moduli, int count, float[] out, int offset, int mapSize, Workspace ws) {
        if (count == 1) {
            lowPass.apply(r, moduli, out, offset, ws.lowPass);
        } else {
            lowPass.applyBatch(r, moduli, count, out, offset, mapSize, ws.lowPass, ws.lowPassT, ws.lowPassOut);
        }
    }

    /** torch.nn.ReflectionPad2d: mirror without repeating the edge sample. */
    private void pad(float[] in, int offset, float[] padded) {
        for (int r = 0; r < m; r++) {
            int src = offset + sourceRow(r) * width;
            int dst = r * n;
            for (int c = 0; c < n; c++) {
                padded[dst + c] = in[src + sourceColumn(c)];
            }
        }
    }

    private static int reflect(int i, int size) {
        if (i < 0) {
            return -i;
        }
        return i >= size ? 2 * (size - 1) - i : i;
    }

    /** A real array as a planar complex one: real parts, then {@code size} zeros. */
    private static void toComplex(float[] real, int size, float[] complex) {
        System.arraycopy(real, 0, complex, 0, size);
        java.util.Arrays.fill(complex, size, 2 * size, 0f);
    }

    /** |z| of the planar complex array (real parts, then imaginary parts, {@code size} each). */
    private static void modulus(float[] complex, int size, float[] out) {
        for (int i = 0; i < size; i++) {
            float re = complex[i];
            float im = complex[size + i];
            out[i] = (float) Math.sqrt(re * re + im * im);
        }
    }

    /**
     * subsample_fourier(x * filter, k): the product with a real filter, then the mean of the k x k
     * aliases x[a + i rows/k, b + j columns/k] (spatial decimation by k). {@code x} holds a planar
     * complex rows x columns spectrum (row i at {@code xOffset + i * xStride}, imaginary parts
     * {@code xPlane} further), {@code filter} is rows x columns, and the (rows/k) x (columns/k) result
     * goes to {@code out} likewise ({@code outOffset}, {@code outStride}, {@code outPlane}). The alias
     * average is symmetric in the two axes, so it applies to transposed spectra as well.
     */
    static void multiplySubsample(float[] x, int xOffset, int xStride, int xPlane, float[] filter, int rows,
            int columns, int k, float[] out, int outOffset, int outStride, int outPlane) {
        if (k == 1) {
            for (int r = 0; r < rows; r++) {
                int src = xOffset + r * xStride;
                int dst = outOffset + r * outStride;
                int f = r * columns;
                for (int c = 0; c < columns; c++) {
                    float w = filter[f + c];
                    out[dst + c] = x[src + c] * w;
                    out[outPlane + dst + c] = x[xPlane + src + c] * w;
                }
            }
            return;
        }
        int mk = rows / k;
        int nk = columns / k;
        float scale = 1f / (k * k);
        for (int a = 0; a < mk; a++) {
            int dst = outOffset + a * outStride;
            java.util.Arrays.fill(out, dst, dst + nk, 0f);
            java.util.Arrays.fill(out, outPlane + dst, outPlane + dst + nk, 0f);
            for (int i = 0; i < k; i++) {
                int row = a + i * mk;
                for (int j = 0; j < k; j++) {
                    int src = xOffset + row * xStride + j * nk;
                    int f = row * columns + j * nk;
                    for (int t = 0; t < nk; t++) {
                        float w = filter[f + t];
                        out[dst + t] += x[src + t] * w;
                        out[outPlane + dst + t] += x[xPlane + src + t] * w;
                    }
                }
            }
            for (int t = 0; t < nk; t++) {
                out[dst + t] *= scale;
                out[outPlane + dst + t] *= scale;
            }
        }
    }
}
