package contrastlab.plugins.backbone.scatnet;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The final low-pass step of every scattering path as two small matrices: for a real array U at
 * resolution r, kymatio computes unpad(real(ifft2(subsample_fourier(fft2(U) * phi[r], 2^(J-r))))).
 * phi is a Gaussian with theta 0 and slant 1, so its periodised spectrum is an outer product
 * a_r ⊗ b_r (the mask and the alias folding of periodize_filter_fft act per axis too), and the
 * whole step is S = R_r · U · C_r^T with R_r[u, x] = h_r((2^(J-r) (u + 1) - x) mod m_r),
 * h_r = ifft(a_r): circular convolution, decimation and the one-pixel crop in one real product.
 * Mathematically identical to the Fourier route, it replaces a forward FFT, a spectrum product and
 * an inverse FFT per path by two matrix products that vectorise.
 */
final class LowPass {

    private final int outRows;
    private final int outColumns;
    /** rows[r]: outRows x (m >> r), row-major; includes phi's 1 / (2 * 3.1415 * sigma^2). */
    private final float[][] rows;
    /** columnsT[r]: (n >> r) x outColumns, row-major (transposed, so the product's inner loop is contiguous). */
    private final float[][] columnsT;
    /** columns[r]: C_r itself, outColumns x (n >> r), row-major (for the batched product). */
    private final float[][] columns;

    LowPass(int scales, int m, int n) {
        int k = 1 << scales;
        outRows = m / k - 2;
        outColumns = n / k - 2;
        double sigma = 0.8 * Math.pow(2, scales - 1);
        double norm = 2 * FilterBank.KYMATIO_PI * sigma * sigma;
        double[] rowSpectrum = gaussianSpectrum(m, sigma);
        double[] columnSpectrum = gaussianSpectrum(n, sigma);
        rows = new float[scales][];
        columnsT = new float[scales][];
        columns = new float[scales][];
        for (int r = 0; r < scales; r++) {
            int step = 1 << (scales - r);
            double[] hr = kernel(periodize(rowSpectrum, r));
            double[] hc = kernel(periodize(columnSpectrum, r));
            int mr = hr.length;
            int nr = hc.length;
            float[] rr = new float[outRows * mr];
            for (int u = 0; u < outRows; u++) {
                for (int x = 0; x < mr; x++) {
                    rr[u * mr + x] = (float) (hr[Math.floorMod(step * (u + 1) - x, mr)] / norm);
                }
            }
            float[] ct = new float[nr * outColumns];
            for (int y = 0; y < nr; y++) {
                for (int v = 0; v < outColumns; v++) {
                    ct[y * outColumns + v] = (float) hc[Math.floorMod(step * (v + 1) - y, nr)];
                }
            }
            rows[r] = rr;
            columnsT[r] = ct;
            columns[r] = FilterBank.transpose(ct, nr, outColumns);
        }
    }

    int outRows() {
        return outRows;
    }

    int outColumns() {
        return outColumns;
    }

    /** R_r, outRows x (m >> r), row-major. */
    float[] rows(int r) {
        return rows[r];
    }

    /** C_r, outColumns x (n >> r), row-major. */
    float[] columns(int r) {
        return columns[r];
    }

    /**
     * S = R_r · U · C_r^T for the real {@code (m >> r) x (n >> r)} array {@code u}; writes the
     * {@code outRows x outColumns} result at {@code out[outOffset]}. {@code scratch} holds at least
     * outRows x (n >> r) floats.
     */
    void apply(int r, float[] u, float[] out, int outOffset, float[] scratch) {
        float[] rr = rows[r];
        float[] ct = columnsT[r];
        int mr = rr.length / outRows;
        int nr = ct.length / outColumns;
        java.util.Arrays.fill(scratch, 0, outRows * nr, 0f);
        multiplyAccumulate(rr, outRows, mr, u, nr, scratch);
        for (int a = 0; a < outRows; a++) {
            int oa = outOffset + a * outColumns;
            java.util.Arrays.fill(out, oa, oa + outColumns, 0f);
            for (int y = 0; y < nr; y++) {
                float w = scratch[a * nr + y];
                int cy = y * outColumns;
                for (int v = 0; v < outColumns; v++) {
                    out[oa + v] += w * ct[cy + v];
                }
            }
        }
    }

    /**
     * {@link #apply} for {@code batch} arrays at resolution r stored interleaved by rows (element
     * (b, x, y) at {@code (x * batch + b) * (n >> r) + y}), so that every loop runs over whole rows
     * of the batch; map b goes to {@code out[outOffset + b * mapStride]}. {@code rowsFirst} and
     * {@code rowsFirstT} hold at least outRows x batch x (n >> r) floats, {@code result} outRows x
     * outColumns x batch.
     */
    void applyBatch(int r, float[] u, int batch, float[] out, int outOffset, int mapStride, float[] rowsFirst,
            float[] rowsFirstT, float[] result) {
        float[] rr = rows[r];
        float[] ct = columnsT[r];
        int mr = rr.length / outRows;
        int nr = ct.length / outColumns;
        int width = batch * nr;
        // P[a][b][y] = sum_x R[a][x] U[x][b][y]
        java.util.Arrays.fill(rowsFirst, 0, outRows * width, 0f);
        multiplyAccumulate(rr, outRows, mr, u, width, rowsFirst);
        // P^T[y][a][b], so that the product with C runs over all (a, b) at once
        int ab = outRows * batch;
        for (int a = 0; a < outRows; a++) {
            for (int b = 0; b < batch; b++) {
                int src = a * width + b * nr;
                int dst = a * batch + b;
                for (int y = 0; y < nr; y++) {
                    rowsFirstT[y * ab + dst] = rowsFirst[src + y];
                }
            }
        }
        // O[v][a][b] = sum_y C[v][y] P^T[y][a][b]
        java.util.Arrays.fill(result, 0, outColumns * ab, 0f);
        multiplyAccumulate(columns[r], outColumns, nr, rowsFirstT, ab, result);
        for (int b = 0; b < batch; b++) {
            int map = outOffset + b * mapStride;
            for (int a = 0; a < outRows; a++) {
                int oa = map + a * outColumns;
                for (int v = 0; v < outColumns; v++) {
                    out[oa + v] = result[v * ab + a * batch + b];
                }
            }
        }
    }

    /**
     * {@code c += a b} for row-major a (rows x inner) and b (inner x width), four rows of a per pass
     * over b so that each row of b is loaded once for four multiply-adds; the sum over the inner index
     * runs in the same order as one row at a time.
     */
    private static void multiplyAccumulate(float[] a, int rows, int inner, float[] b, int width, float[] c) {
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int c0 = i * width;
            int c1 = c0 + width;
            int c2 = c1 + width;
            int c3 = c2 + width;
            for (int k = 0; k < inner; k++) {
                float w0 = a[i * inner + k];
                float w1 = a[(i + 1) * inner + k];
                float w2 = a[(i + 2) * inner + k];
                float w3 = a[(i + 3) * inner + k];
                int bk = k * width;
                for (int t = 0; t < width; t++) {
                    float v = b[bk + t];
                    c[c0 + t] += w0 * v;
                    c[c1 + t] += w1 * v;
                    c[c2 + t] += w2 * v;
                    c[c3 + t] += w3 * v;
                }
            }
        }
        for (; i < rows; i++) {
            int ci = i * width;
            for (int k = 0; k < inner; k++) {
                float w = a[i * inner + k];
                int bk = k * width;
                for (int t = 0; t < width; t++) {
                    c[ci + t] += w * b[bk + t];
                }
            }
        }
    }

    /** Real DFT of the 1-D periodised Gaussian sum_{e=-2..2} exp(-(x + e size)^2 / (2 sigma^2)). */
    private static double[] gaussianSpectrum(int size, double sigma) {
        double[] a = new double[2 * size];
        for (int x = 0; x < size; x++) {
            double sum = 0;
            for (int e = -2; e <= 2; e++) {
                double xx = x + e * (double) size;
                sum += Math.exp(-xx * xx / (2 * sigma * sigma));
            }
            a[2 * x] = sum;
        }
        new DoubleFFT_1D(size).complexForward(a);
        double[] re = new double[size];
        for (int i = 0; i < size; i++) {
            re[i] = a[2 * i];
        }
        return re;
    }

    /** periodize_filter_fft along one axis. */
    private static double[] periodize(double[] spectrum, int res) {
        int size = spectrum.length;
        int k = 1 << res;
        int sr = size / k;
        int start = (int) (size * Math.pow(2, -res - 1));
        int end = start + (int) (size * (1 - Math.pow(2, -res)));
        double[] out = new double[sr];
        for (int a = 0; a < sr; a++) {
            for (int i = 0; i < k; i++) {
                int index = a + i * sr;
                if (index < start || index >= end) {
                    out[a] += spectrum[index];
                }
            }
        }
        return out;
    }

    /** The circular convolution kernel real(ifft(spectrum)), normalised by 1/size. */
    private static double[] kernel(double[] spectrum) {
        int size = spectrum.length;
        double[] a = new double[2 * size];
        for (int i = 0; i < size; i++) {
            a[2 * i] = spectrum[i];
        }
        new DoubleFFT_1D(size).complexInverse(a, true);
        double[] h = new double[size];
        for (int i = 0; i < size; i++) {
            h[i] = a[2 * i];
        }
        return h;
    }
}
