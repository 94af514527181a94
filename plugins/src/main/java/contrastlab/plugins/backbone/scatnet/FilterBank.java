package contrastlab.plugins.backbone.scatnet;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * kymatio's 2-D Morlet filter bank ({@code scattering2d/filter_bank.py}, release 0.3) for a padded
 * grid of {@code m x n}: the band-pass filters psi(j, theta) and the low-pass phi, each stored as the
 * real part of its 2-D DFT (float32, row-major) at the resolutions the transform uses.
 *
 * <p>The spatial filters are computed in double precision and rounded once; kymatio accumulates in
 * complex64, so the two agree to float32 precision. The literal {@code 3.1415} of kymatio's Gabor
 * normalisation is kept (phi's DC gain is 1.0000294, not 1).
 */
final class FilterBank {

    /** kymatio's normalisation constant, deliberately not {@link Math#PI}. */
    static final double KYMATIO_PI = 3.1415;

    private final int l;
    private final int m;
    /** psi[j * L + theta][res]: Fourier filter at resolution res (size (m >> res) x (n >> res)). */
    private final float[][][] psi;
    /** psi transposed ((n >> res) x (m >> res)), to multiply the transposed spectra of {@link Fft2}. */
    private final float[][][] psiTransposed;
    /** phi[res] for res = 0..J-1. */
    private final float[][] phi;

    FilterBank(int scales, int angles, int m, int n) {
        this.l = angles;
        this.m = m;
        psi = new float[scales * angles][][];
        psiTransposed = new float[scales * angles][][];
        for (int s = 0; s < scales; s++) {
            int levels = Math.min(s + 1, Math.max(scales - 1, 1));
            for (int t = 0; t < angles; t++) {
                double[] spatial = morlet(m, n, 0.8 * Math.pow(2, s), theta(t, angles), 0.75 * Math.PI / Math.pow(2, s),
                        4.0 / angles);
                float[] fourier = realPartOfDft(spatial, m, n);
                float[][] byRes = new float[levels][];
                for (int res = 0; res < levels; res++) {
                    byRes[res] = periodize(fourier, m, n, res);
                }
                psi[s * angles + t] = byRes;
                float[][] transposed = new float[levels][];
                for (int res = 0; res < levels; res++) {
                    transposed[res] = transpose(byRes[res], m >> res, n >> res);
                }
                psiTransposed[s * angles + t] = transposed;
            }
        }
        float[] phiFourier = realPartOfDft(gabor(m, n, 0.8 * Math.pow(2, scales - 1), 0, 0, 1), m, n);
        phi = new float[scales][];
        for (int res = 0; res < scales; res++) {
            phi[res] = periodize(phiFourier, m, n, res);
        }
    }

    /** kymatio's angle of orientation index {@code theta}: (int(L - L/2 - 1) - theta) * pi / L. */
    static double theta(int theta, int angles) {
        return ((int) (angles - angles / 2.0 - 1) - theta) * Math.PI / angles;
    }

    float[] psi(int scale, int theta, int res) {
        return psi[scale * l + theta][res];
    }

    /** {@link #psi} transposed: entry [v][u] is frequency (u, v), as {@link Fft2} lays out spectra. */
    float[] psiTransposed(int scale, int theta, int res) {
        return psiTransposed[scale * l + theta][res];
    }

    /** The transpose of a row-major rows x columns array. */
    static float[] transpose(float[] x, int rows, int columns) {
        float[] t = new float[x.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                t[c * rows + r] = x[r * columns + c];
            }
        }
        return t;
    }

    float[] phi(int res) {
        return phi[res];
    }

    int rows() {
        return m;
    }

    /**
     * gabor_2d(M, N, sigma, theta, xi, slant) with offset 0: the Gabor centred at pixel [0, 0],
     * periodised over the 5 x 5 neighbouring tiles; interleaved complex, row-major. The rotation
     * matrix is rounded to float32 as kymatio stores it; the rest is double.
     */
    static double[] gabor(int m, int n, double sigma, double theta, double xi, double slant) {
        double c = (float) Math.cos(theta);
        double s = (float) Math.sin(theta);
        double slant2 = slant * slant;
        double denominator = 2 * sigma * sigma;
        // curv = R diag(1, slant^2) R^-1 / (2 sigma^2)
        double c00 = (c * c + s * s * slant2) / denominator;
        double c01 = (c * s - s * c * slant2) / denominator;
        double c10 = (s * c - c * s * slant2) / denominator;
        double c11 = (s * s + c * c * slant2) / denominator;
        double kx = Math.cos(theta) * xi;
        double ky = Math.sin(theta) * xi;
        double norm = 2 * KYMATIO_PI * sigma * sigma / slant;
        double[] gab = new double[2 * m * n];
        for (int x = 0; x < m; x++) {
            for (int y = 0; y < n; y++) {
                double re = 0;
                double im = 0;
                for (int ex = -2; ex <= 2; ex++) {
                    double xx = x + ex * (double) m;
                    for (int ey = -2; ey <= 2; ey++) {
                        double yy = y + ey * (double) n;
                        double magnitude = Math.exp(-(c00 * xx * xx + (c01 + c10) * xx * yy + c11 * yy * yy));
                        double phase = xx * kx + yy * ky;
                        re += magnitude * Math.cos(phase);
                        im += magnitude * Math.sin(phase);
                    }
                }
                gab[2 * (x * n + y)] = re / norm;
                gab[2 * (x * n + y) + 1] = im / norm;
            }
        }
        return gab;
    }

    /** morlet_2d: gabor(xi) minus K gabor(0), K complex, so that the wavelet sums to zero. */
    static double[] morlet(int m, int n, double sigma, double theta, double xi, double slant) {
        double[] wave = gabor(m, n, sigma, theta, xi, slant);
        double[] envelope = gabor(m, n, sigma, theta, 0, slant);
        double wr = 0;
        double wi = 0;
        double er = 0;
        double ei = 0;
        for (int i = 0; i < wave.length; i += 2) {
            wr += wave[i];
            wi += wave[i + 1];
            er += envelope[i];
            ei += envelope[i + 1];
        }
        double d = er * er + ei * ei;
        double kr = (wr * er + wi * ei) / d;
        double ki = (wi * er - wr * ei) / d;
        for (int i = 0; i < wave.length; i += 2) {
            wave[i] -= kr * envelope[i] - ki * envelope[i + 1];
            wave[i + 1] -= kr * envelope[i + 1] + ki * envelope[i];
        }
        return wave;
    }

    /** np.real(fft2(x)) of an interleaved complex m x n array, rounded to float32. */
    static float[] realPartOfDft(double[] x, int m, int n) {
        double[] a = x.clone();
        DoubleFFT_1D rows = new DoubleFFT_1D(n);
        DoubleFFT_1D columns = new DoubleFFT_1D(m);
        for (int r = 0; r < m; r++) {
            rows.complexForward(a, 2 * r * n);
        }
        double[] column = new double[2 * m];
        for (int c = 0; c < n; c++) {
            for (int r = 0; r < m; r++) {
                column[2 * r] = a[2 * (r * n + c)];
                column[2 * r + 1] = a[2 * (r * n + c) + 1];
            }
            columns.complexForward(column);
            for (int r = 0; r < m; r++) {
                a[2 * (r * n + c)] = column[2 * r];
            }
        }
        float[] out = new float[m * n];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) a[2 * i];
        }
        return out;
    }

    /**
     * periodize_filter_fft(x, res): zero the band of rows [M 2^-(res+1), M 2^-(res+1) + M (1 - 2^-res))
     * and the same band of columns, then fold the 2^res x 2^res aliases onto an (M/2^res) x (N/2^res) grid.
     */
    static float[] periodize(float[] x, int m, int n, int res) {
        int k = 1 << res;
        int mr = m / k;
        int nr = n / k;
        int rowStart = (int) (m * Math.pow(2, -res - 1));
        int rowEnd = rowStart + (int) (m * (1 - Math.pow(2, -res)));
        int colStart = (int) (n * Math.pow(2, -res - 1));
        int colEnd = colStart + (int) (n * (1 - Math.pow(2, -res)));
        float[] crop = new float[mr * nr];
        for (int a = 0; a < mr; a++) {
            for (int b = 0; b < nr; b++) {
                float sum = 0;
                for (int i = 0; i < k; i++) {
                    int row = a + i * mr;
                    if (row >= rowStart && row < rowEnd) {
                        continue;
                    }
                    for (int jj = 0; jj < k; jj++) {
                        int col = b + jj * nr;
                        if (col < colStart || col >= colEnd) {
                            sum += x[row * n + col];
                        }
                    }
                }
                crop[a * nr + b] = sum;
            }
        }
        return crop;
    }
}
