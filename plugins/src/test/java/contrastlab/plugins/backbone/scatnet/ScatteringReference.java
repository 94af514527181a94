package contrastlab.plugins.backbone.scatnet;

/**
 * An independent double-precision kymatio Scattering2D for tests, written straight from the formulas
 * of kymatio 0.3 (filter_bank.py, core/scattering2d.py): filters by direct evaluation and a naive DFT,
 * every step in the Fourier domain (no FFT library, no separable shortcut). Slow; for tiny images.
 */
final class ScatteringReference {

    final int scales;
    final int angles;
    final int height;
    final int width;
    final int m;
    final int n;
    /** psi[j][theta]: the real Fourier filter at full padded resolution. */
    final double[][][] psi;
    final double[] phi;

    ScatteringReference(int scales, int angles, int height, int width) {
        this.scales = scales;
        this.angles = angles;
        this.height = height;
        this.width = width;
        int k = 1 << scales;
        m = ((height + k) / k + 1) * k;
        n = ((width + k) / k + 1) * k;
        psi = new double[scales][angles][];
        for (int j = 0; j < scales; j++) {
            for (int t = 0; t < angles; t++) {
                double theta = ((int) (angles - angles / 2.0 - 1) - t) * Math.PI / angles;
                double sigma = 0.8 * Math.pow(2, j);
                double xi = 3.0 / 4.0 * Math.PI / Math.pow(2, j);
                double slant = 4.0 / angles;
                double[][] wave = gabor(sigma, theta, xi, slant);
                double[][] env = gabor(sigma, theta, 0, slant);
                double[] sw = sum(wave);
                double[] se = sum(env);
                double d = se[0] * se[0] + se[1] * se[1];
                double kr = (sw[0] * se[0] + sw[1] * se[1]) / d;
                double ki = (sw[1] * se[0] - sw[0] * se[1]) / d;
                double[][] mor = new double[2][m * n];
                for (int i = 0; i < m * n; i++) {
                    mor[0][i] = wave[0][i] - (kr * env[0][i] - ki * env[1][i]);
                    mor[1][i] = wave[1][i] - (kr * env[1][i] + ki * env[0][i]);
                }
                psi[j][t] = dft(mor, m, n, false)[0];
            }
        }
        phi = dft(gabor(0.8 * Math.pow(2, scales - 1), 0, 0, 1), m, n, false)[0];
    }

    /** gabor_2d with offset 0: {re, im} arrays, row-major m x n. */
    double[][] gabor(double sigma, double theta, double xi, double slant) {
        float cf = (float) Math.cos(theta);
        float sf = (float) Math.sin(theta);
        double[][] r = {{cf, -sf}, {sf, cf}};
        double[][] rInv = {{cf, sf}, {-sf, cf}};
        double[][] dm = {{1, 0}, {0, slant * slant}};
        double[][] curv = times(r, times(dm, rInv));
        double[][] g = new double[2][m * n];
        for (int x = 0; x < m; x++) {
            for (int y = 0; y < n; y++) {
                for (int ex = -2; ex <= 2; ex++) {
                    for (int ey = -2; ey <= 2; ey++) {
                        double xx = x + ex * m;
                        double yy = y + ey * n;
                        double arg = -(curv[0][0] * xx * xx + (curv[0][1] + curv[1][0]) * xx * yy + curv[1][1] * yy * yy)
                                / (2 * sigma * sigma);
                        double ph = xx * Math.cos(theta) * xi + yy * Math.sin(theta) * xi;
                        g[0][x * n + y] += Math.exp(arg) * Math.cos(ph);
                        g[1][x * n + y] += Math.exp(arg) * Math.sin(ph);
                    }
                }
            }
        }
        double norm = 2 * 3.1415 * sigma * sigma / slant;
        for (int i = 0; i < m * n; i++) {
            g[0][i] /= norm;
            g[1][i] /= norm;
        }
        return g;
    }

    private static double[][] times(double[][] a, double[][] b) {
        double[][] c = new double[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                c[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j];
            }
        }
        return c;
    }

    private static double[] sum(double[][] z) {
        double re = 0;
        double im = 0;
        for (int i = 0; i < z[0].length; i++) {
            re += z[0][i];
            im += z[1][i];
        }
        return new double[] {re, im};
    }

    /** Naive 2-D DFT (inverse normalised by 1/(rows cols)), each axis by its direct sum. */
    static double[][] dft(double[][] z, int rows, int cols, boolean inverse) {
        double sign = inverse ? 1 : -1;
        double[][] t = new double[2][rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                double re = 0;
                double im = 0;
                for (int c = 0; c < cols; c++) {
                    double a = sign * 2 * Math.PI * ((long) k * c % cols) / cols;
                    re += z[0][r * cols + c] * Math.cos(a) - z[1][r * cols + c] * Math.sin(a);
                    im += z[0][r * cols + c] * Math.sin(a) + z[1][r * cols + c] * Math.cos(a);
                }
                t[0][r * cols + k] = re;
                t[1][r * cols + k] = im;
            }
        }
        double[][] o = new double[2][rows * cols];
        double scale = inverse ? 1.0 / (rows * cols) : 1;
        for (int k = 0; k < rows; k++) {
            for (int c = 0; c < cols; c++) {
                double re = 0;
                double im = 0;
                for (int r = 0; r < rows; r++) {
                    double a = sign * 2 * Math.PI * ((long) k * r % rows) / rows;
                    re += t[0][r * cols + c] * Math.cos(a) - t[1][r * cols + c] * Math.sin(a);
                    im += t[0][r * cols + c] * Math.sin(a) + t[1][r * cols + c] * Math.cos(a);
                }
                o[0][k * cols + c] = re * scale;
                o[1][k * cols + c] = im * scale;
            }
        }
        return o;
    }

    /** periodize_filter_fft of a rows x cols real spectrum at resolution res. */
    static double[] periodize(double[] x, int rows, int cols, int res) {
        int k = 1 << res;
        double[] mask = new double[rows * cols];
        java.util.Arrays.fill(mask, 1);
        int lenX = (int) (rows * (1 - Math.pow(2, -res)));
        int startX = (int) (rows * Math.pow(2, -res - 1));
        int lenY = (int) (cols * (1 - Math.pow(2, -res)));
        int startY = (int) (cols * Math.pow(2, -res - 1));
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if ((r >= startX && r < startX + lenX) || (c >= startY && c < startY + lenY)) {
                    mask[r * cols + c] = 0;
                }
            }
        }
        double[] crop = new double[(rows / k) * (cols / k)];
        for (int a = 0; a < rows / k; a++) {
            for (int b = 0; b < cols / k; b++) {
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        int idx = (a + i * rows / k) * cols + b + j * cols / k;
                        crop[a * (cols / k) + b] += x[idx] * mask[idx];
                    }
                }
            }
        }
        return crop;
    }

    /** subsample_fourier(x, k) of a complex rows x cols spectrum. */
    static double[][] subsample(double[][] x, int rows, int cols, int k) {
        int mr = rows / k;
        int nc = cols / k;
        double[][] o = new double[2][mr * nc];
        for (int a = 0; a < mr; a++) {
            for (int b = 0; b < nc; b++) {
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        int idx = (a + i * mr) * cols + b + j * nc;
                        o[0][a * nc + b] += x[0][idx] / (k * k);
                        o[1][a * nc + b] += x[1][idx] / (k * k);
                    }
                }
            }
        }
        return o;
    }

    private static double[][] multiply(double[][] x, double[] filter) {
        double[][] o = new double[2][filter.length];
        for (int i = 0; i < filter.length; i++) {
            o[0][i] = x[0][i] * filter[i];
            o[1][i] = x[1][i] * filter[i];
        }
        return o;
    }

    private static double[][] modulus(double[][] x) {
        double[][] o = new double[2][x[0].length];
        for (int i = 0; i < x[0].length; i++) {
            o[0][i] = Math.hypot(x[0][i], x[1][i]);
        }
        return o;
    }

    /** unpad(real(ifft2(x))) of a rows x cols spectrum: the real part without the outer pixel. */
    private static double[] realCropped(double[][] spectrum, int rows, int cols) {
        double[][] s = dft(spectrum, rows, cols, true);
        double[] o = new double[(rows - 2) * (cols - 2)];
        for (int a = 1; a < rows - 1; a++) {
            for (int b = 1; b < cols - 1; b++) {
                o[(a - 1) * (cols - 2) + b - 1] = s[0][a * cols + b];
            }
        }
        return o;
    }

    /** The K coefficient maps of one single-channel image, in kymatio's order. */
    double[][] transform(float[] image) {
        double[][] x = new double[2][m * n];
        int top = (m - height) / 2;
        int left = (n - width) / 2;
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < n; c++) {
                int sr = Math.abs(r - top);
                sr = sr >= height ? 2 * (height - 1) - sr : sr;
                int sc = Math.abs(c - left);
                sc = sc >= width ? 2 * (width - 1) - sc : sc;
                x[0][r * n + c] = image[sr * width + sc];
            }
        }
        java.util.List<double[]> out = new java.util.ArrayList<>();
        double[][] u0 = dft(x, m, n, false);
        int big = 1 << scales;
        out.add(realCropped(subsample(multiply(u0, phi), m, n, big), m / big, n / big));
        java.util.List<double[]> second = new java.util.ArrayList<>();
        for (int j1 = 0; j1 < scales; j1++) {
            for (int t1 = 0; t1 < angles; t1++) {
                int k1 = 1 << j1;
                double[][] u1 = subsample(multiply(u0, psi[j1][t1]), m, n, k1);
                int m1 = m / k1;
                int n1 = n / k1;
                double[][] u1Hat = dft(modulus(dft(u1, m1, n1, true)), m1, n1, false);
                int kk = 1 << (scales - j1);
                out.add(realCropped(subsample(multiply(u1Hat, periodize(phi, m, n, j1)), m1, n1, kk), m1 / kk, n1 / kk));
                for (int j2 = j1 + 1; j2 < scales; j2++) {
                    for (int t2 = 0; t2 < angles; t2++) {
                        int k2 = 1 << (j2 - j1);
                        double[][] u2 = subsample(multiply(u1Hat, periodize(psi[j2][t2], m, n, j1)), m1, n1, k2);
                        int m2 = m1 / k2;
                        int n2 = n1 / k2;
                        double[][] u2Hat = dft(modulus(dft(u2, m2, n2, true)), m2, n2, false);
                        int k3 = 1 << (scales - j2);
                        second.add(realCropped(subsample(multiply(u2Hat, periodize(phi, m, n, j2)), m2, n2, k3),
                                m2 / k3, n2 / k3));
                    }
                }
            }
        }
        out.addAll(second);
        return out.toArray(new double[0][]);
    }
}
