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
    private final ThreadLocal<Workspace> workspaces;

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
        workspaces = ThreadLocal.withInitial(() -> new Workspace(scales, m, n, lowPass.outRows()));
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

    /**
     * Scatters {@code count} consecutive single-channel H x W images, in parallel over images (the
     * common fork-join pool plus the caller); image i's K maps go to {@code [i * outputSize(), ...)}.
     */
    float[] transform(float[] images, int count) {
        int inSize = height * width;
        if (images.length < (long) count * inSize) {
            throw new IllegalArgumentException("expected " + count + " images of " + height + "x" + width + ", got "
                    + images.length + " values");
        }
        int outSize = outputSize();
        float[] out = new float[Math.multiplyExact(count, outSize)];
        IntStream.range(0, count).parallel().forEach(i -> transform(images, i * inSize, out, i * outSize));
        return out;
    }

    /**
     * Scatters the single-channel image at {@code in[inOffset]}, writing K maps at {@code out[outOffset]}.
     * Spectra are planar and transposed (see {@link Fft2}), and so are the filters they meet.
     */
    void transform(float[] in, int inOffset, float[] out, int outOffset) {
        Workspace ws = workspaces.get();
        int mapSize = outHeight() * outWidth();
        float[] padded = ws.u1;
        pad(in, inOffset, padded);
        // order 0 straight from the padded image (the low-pass of fft2(pad(x)) at resolution 0)
        lowPass.apply(0, padded, out, outOffset, ws.lowPass);
        float[] u0 = ws.u0;
        toComplex(padded, m * n, u0);
        ws.fft[0].forward(u0);
        int second = 1 + scales * angles;
        for (int j1 = 0; j1 < scales; j1++) {
            int m1 = m >> j1;
            int n1 = n >> j1;
            for (int t1 = 0; t1 < angles; t1++) {
                multiplySubsample(u0, bank.psiTransposed(j1, t1, 0), n, m, 1 << j1, ws.work);
                ws.fft[j1].inverse(ws.work);
                modulus(ws.work, m1 * n1, ws.u1);
                lowPass.apply(j1, ws.u1, out, outOffset + (1 + j1 * angles + t1) * mapSize, ws.lowPass);
                if (j1 == scales - 1) {
                    continue;
                }
                toComplex(ws.u1, m1 * n1, ws.u1Spectrum);
                ws.fft[j1].forward(ws.u1Spectrum);
                for (int j2 = j1 + 1; j2 < scales; j2++) {
                    for (int t2 = 0; t2 < angles; t2++) {
                        multiplySubsample(ws.u1Spectrum, bank.psiTransposed(j2, t2, j1), n1, m1, 1 << (j2 - j1),
                                ws.work);
                        ws.fft[j2].inverse(ws.work);
                        modulus(ws.work, (m >> j2) * (n >> j2), ws.u2);
                        lowPass.apply(j2, ws.u2, out, outOffset + second * mapSize, ws.lowPass);
                        second++;
                    }
                }
            }
        }
    }

    /** torch.nn.ReflectionPad2d: mirror without repeating the edge sample. */
    private void pad(float[] in, int offset, float[] padded) {
        for (int r = 0; r < m; r++) {
            int sr = reflect(r - padTop, height);
            int src = offset + sr * width;
            int dst = r * n;
            for (int c = 0; c < n; c++) {
                padded[dst + c] = in[src + reflect(c - padLeft, width)];
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
     * aliases x[a + i rows/k, b + j columns/k] (spatial decimation by k). {@code x} is a planar complex
     * rows x columns spectrum (real parts, then imaginary parts) and {@code out} receives the planar
     * (rows/k) x (columns/k) result (its imaginary parts start after its own size). The alias average
     * is symmetric in the two axes, so it applies to transposed spectra as well.
     */
    static void multiplySubsample(float[] x, float[] filter, int rows, int columns, int k, float[] out) {
        int size = rows * columns;
        if (k == 1) {
            for (int i = 0; i < size; i++) {
                float f = filter[i];
                out[i] = x[i] * f;
                out[size + i] = x[size + i] * f;
            }
            return;
        }
        int mk = rows / k;
        int nk = columns / k;
        int outSize = mk * nk;
        java.util.Arrays.fill(out, 0, 2 * outSize, 0f);
        for (int i = 0; i < k; i++) {
            for (int a = 0; a < mk; a++) {
                int row = (a + i * mk) * columns;
                int dst = a * nk;
                for (int j = 0; j < k; j++) {
                    int src = row + j * nk;
                    for (int t = 0; t < nk; t++) {
                        float f = filter[src + t];
                        out[dst + t] += x[src + t] * f;
                        out[outSize + dst + t] += x[size + src + t] * f;
                    }
                }
            }
        }
        float scale = 1f / (k * k);
        for (int i = 0; i < 2 * outSize; i++) {
            out[i] *= scale;
        }
    }
}
