package contrastlab.plugins.backbone.scatnet;

/**
 * Forward DFT of length N along axis 0 of an N x W planar complex matrix (real parts and imaginary
 * parts in separate blocks of the same array), all W columns at once: a mixed-radix Stockham
 * autosort FFT (decimation in frequency) whose every inner loop runs over contiguous floats of whole
 * rows, so the JIT vectorises it whatever N is. Radices 4 and 2 first, odd factors last (an odd
 * radix costs (p-1)^2 / 4 multiply-adds per output pair, with the symmetric-pair form); twiddles are
 * computed once per plan. The inverse DFT is the forward one with the real and imaginary blocks
 * swapped (ifft(x) = swap(fft(swap(x))) / N); the 1/N is left to the caller.
 *
 * <p>Immutable and thread-safe; the two buffers belong to the caller.
 */
final class BatchFft {

    private final int length;
    private final int width;
    private final int[] radices;
    /** Per stage: twiddle w_len^(q k) at [q * p + k], len the stage's sub-length. */
    private final float[][] twiddleRe;
    private final float[][] twiddleIm;
    /** Per stage with an odd radix p: cos and sin of 2 pi j k / p at [(k - 1) * h + j - 1], h = (p - 1) / 2. */
    private final float[][] pairCos;
    private final float[][] pairSin;

    BatchFft(int length, int width) {
        if (length < 1 || width < 1) {
            throw new IllegalArgumentException("FFT of length " + length + " over " + width + " columns");
        }
        this.length = length;
        this.width = width;
        radices = factor(length);
        twiddleRe = new float[radices.length][];
        twiddleIm = new float[radices.length][];
        pairCos = new float[radices.length][];
        pairSin = new float[radices.length][];
        int len = length;
        for (int s = 0; s < radices.length; s++) {
            int p = radices[s];
            int m = len / p;
            twiddleRe[s] = new float[m * p];
            twiddleIm[s] = new float[m * p];
            for (int q = 0; q < m; q++) {
                for (int k = 0; k < p; k++) {
                    // reduce the exponent first: the angle stays exact in double for any size
                    double angle = -2 * Math.PI * ((long) q * k % len) / len;
                    twiddleRe[s][q * p + k] = (float) Math.cos(angle);
                    twiddleIm[s][q * p + k] = (float) Math.sin(angle);
                }
            }
            if (p % 2 == 1 && p > 1) {
                int h = (p - 1) / 2;
                pairCos[s] = new float[h * h];
                pairSin[s] = new float[h * h];
                for (int k = 1; k <= h; k++) {
                    for (int j = 1; j <= h; j++) {
                        double angle = 2 * Math.PI * (j * k % p) / p;
                        pairCos[s][(k - 1) * h + j - 1] = (float) Math.cos(angle);
                        pairSin[s][(k - 1) * h + j - 1] = (float) Math.sin(angle);
                    }
                }
            }
            len = m;
        }
    }

    /** Radices 4, then 2, then the odd prime factors in increasing order. */
    static int[] factor(int n) {
        int[] found = new int[32];
        int count = 0;
        int rest = n;
        while (rest % 4 == 0) {
            found[count++] = 4;
            rest /= 4;
        }
        while (rest % 2 == 0) {
            found[count++] = 2;
            rest /= 2;
        }
        for (int p = 3; rest > 1; p += 2) {
            while (rest % p == 0) {
                found[count++] = p;
                rest /= p;
            }
        }
        return java.util.Arrays.copyOf(found, count);
    }

    int length() {
        return length;
    }

    int width() {
        return width;
    }

    /** Stages of the plan: the result is in the first buffer if even, in the second if odd. */
    int stages() {
        return radices.length;
    }

    /**
     * DFT along axis 0 of the N x W matrix in {@code a} (real part at {@code aRe}, imaginary at
     * {@code aIm}), ping-ponging with {@code b}; the result is in {@code a} if {@link #stages()} is
     * even, else in {@code b}, at the same offsets.
     */
    void forward(float[] a, int aRe, int aIm, float[] b, int bRe, int bIm, float[] scratch) {
        float[] src = a;
        int srcRe = aRe;
        int srcIm = aIm;
        float[] dst = b;
        int dstRe = bRe;
        int dstIm = bIm;
        int len = length;
        int stride = width;
        for (int s = 0; s < radices.length; s++) {
            int p = radices[s];
            int m = len / p;
            switch (p) {
                case 4 -> radix4(src, srcRe, srcIm, dst, dstRe, dstIm, m, stride, twiddleRe[s], twiddleIm[s]);
                case 2 -> radix2(src, srcRe, srcIm, dst, dstRe, dstIm, m, stride, twiddleRe[s], twiddleIm[s]);
                default -> oddRadix(p, src, srcRe, srcIm, dst, dstRe, dstIm, m, stride, s, scratch);
            }
            float[] t = src;
            src = dst;
            dst = t;
            int tr = srcRe;
            srcRe = dstRe;
            dstRe = tr;
            int ti = srcIm;
            srcIm = dstIm;
            dstIm = ti;
            len = m;
            stride *= p;
        }
    }

    /** Floats of scratch the odd radices need: 4 (p - 1) / 2 rows of the widest stage. */
    int scratchSize() {
        int need = 0;
        int stride = width;
        for (int p : radices) {
            if (p % 2 == 1) {
                need = Math.max(need, 2 * (p - 1) * stride);
            }
            stride *= p;
        }
        return need;
    }

    private static void radix2(float[] x, int xr, int xi, float[] y, int yr, int yi, int m, int sw, float[] wr,
            float[] wi) {
        for (int q = 0; q < m; q++) {
            int i0 = sw * q;
            int i1 = sw * (q + m);
            int o0 = sw * 2 * q;
            int o1 = o0 + sw;
            float w1r = wr[2 * q + 1];
            float w1i = wi[2 * q + 1];
            if (q == 0) {
                for (int t = 0; t < sw; t++) {
                    float ar = x[xr + i0 + t];
                    float ai = x[xi + i0 + t];
                    float br = x[xr + i1 + t];
                    float bi = x[xi + i1 + t];
                    y[yr + o0 + t] = ar + br;
                    y[yi + o0 + t] = ai + bi;
                    y[yr + o1 + t] = ar - br;
                    y[yi + o1 + t] = ai - bi;
                }
            } else {
                for (int t = 0; t < sw; t++) {
                    float ar = x[xr + i0 + t];
                    float ai = x[xi + i0 + t];
                    float br = x[xr + i1 + t];
                    float bi = x[xi + i1 + t];
                    y[yr + o0 + t] = ar + br;
                    y[yi + o0 + t] = ai + bi;
                    float dr = ar - br;
                    float di = ai - bi;
                    y[yr + o1 + t] = dr * w1r - di * w1i;
                    y[yi + o1 + t] = dr * w1i + di * w1r;
                }
            }
        }
    }

    private static void radix4(float[] x, int xr, int xi, float[] y, int yr, int yi, int m, int sw, float[] wr,
            float[] wi) {
        for (int q = 0; q < m; q++) {
            int i0 = sw * q;
            int i1 = sw * (q + m);
            int i2 = sw * (q + 2 * m);
            int i3 = sw * (q + 3 * m);
            int o0 = sw * 4 * q;
            int o1 = o0 + sw;
            int o2 = o1 + sw;
            int o3 = o2 + sw;
            // the butterfly, then the twiddles in separate short loops (small loop bodies vectorise)
            for (int t = 0; t < sw; t++) {
                float s02r = x[xr + i0 + t] + x[xr + i2 + t];
                float s02i = x[xi + i0 + t] + x[xi + i2 + t];
                float d02r = x[xr + i0 + t] - x[xr + i2 + t];
                float d02i = x[xi + i0 + t] - x[xi + i2 + t];
                float s13r = x[xr + i1 + t] + x[xr + i3 + t];
                float s13i = x[xi + i1 + t] + x[xi + i3 + t];
                float d13r = x[xr + i1 + t] - x[xr + i3 + t];
                float d13i = x[xi + i1 + t] - x[xi + i3 + t];
                y[yr + o0 + t] = s02r + s13r;
                y[yi + o0 + t] = s02i + s13i;
                y[yr + o2 + t] = s02r - s13r;
                y[yi + o2 + t] = s02i - s13i;
                // forward: b1 = d02 - i d13, b3 = d02 + i d13
                y[yr + o1 + t] = d02r + d13i;
                y[yi + o1 + t] = d02i - d13r;
                y[yr + o3 + t] = d02r - d13i;
                y[yi + o3 + t] = d02i + d13r;
            }
            if (q > 0) {
                twiddle(y, yr + o1, yi + o1, sw, wr[4 * q + 1], wi[4 * q + 1]);
                twiddle(y, yr + o2, yi + o2, sw, wr[4 * q + 2], wi[4 * q + 2]);
                twiddle(y, yr + o3, yi + o3, sw, wr[4 * q + 3], wi[4 * q + 3]);
            }
        }
    }

    /** Multiplies {@code count} complex values in place by {@code w}. */
    private static void twiddle(float[] y, int re, int im, int count, float wr, float wi) {
        for (int t = 0; t < count; t++) {
            float r = y[re + t];
            float i = y[im + t];
            y[re + t] = r * wr - i * wi;
            y[im + t] = r * wi + i * wr;
        }
    }

    /**
     * Radix p (odd): with S_j = x_j + x_(p-j), D_j = x_j - x_(p-j) and h = (p - 1) / 2,
     * y_k = A_k - i B_k and y_(p-k) = A_k + i B_k where A_k = x_0 + sum_j cos(2 pi j k / p) S_j and
     * B_k = sum_j sin(2 pi j k / p) D_j. A_k accumulates in y_k's slot and B_k in y_(p-k)'s, then one
     * loop per pair combines them and applies the twiddles.
     */
    private void oddRadix(int p, float[] x, int xr, int xi, float[] y, int yr, int yi, int m, int sw, int stage,
            float[] scratch) {
        int h = (p - 1) / 2;
        float[] cos = pairCos[stage];
        float[] sin = pairSin[stage];
        float[] wr = twiddleRe[stage];
        float[] wi = twiddleIm[stage];
        // scratch rows: S_j re, S_j im, D_j re, D_j im for j = 1..h
        int sRe = 0;
        int sIm = h * sw;
        int dRe = 2 * h * sw;
        int dIm = 3 * h * sw;
        for (int q = 0; q < m; q++) {
            int i0 = sw * q;
            int o0 = sw * p * q;
            for (int j = 1; j <= h; j++) {
                int ij = sw * (q + j * m);
                int ipj = sw * (q + (p - j) * m);
                int row = (j - 1) * sw;
                for (int t = 0; t < sw; t++) {
                    float ar = x[xr + ij + t];
                    float ai = x[xi + ij + t];
                    float br = x[xr + ipj + t];
                    float bi = x[xi + ipj + t];
                    scratch[sRe + row + t] = ar + br;
                    scratch[sIm + row + t] = ai + bi;
                    scratch[dRe + row + t] = ar - br;
                    scratch[dIm + row + t] = ai - bi;
                }
            }
            // y_0 = x_0 + sum_j S_j; A_k starts at x_0, B_k at 0
            System.arraycopy(x, xr + i0, y, yr + o0, sw);
            System.arraycopy(x, xi + i0, y, yi + o0, sw);
            for (int k = 1; k <= h; k++) {
                System.arraycopy(x, xr + i0, y, yr + o0 + k * sw, sw);
                System.arraycopy(x, xi + i0, y, yi + o0 + k * sw, sw);
                java.util.Arrays.fill(y, yr + o0 + (p - k) * sw, yr + o0 + (p - k + 1) * sw, 0f);
                java.util.Arrays.fill(y, yi + o0 + (p - k) * sw, yi + o0 + (p - k + 1) * sw, 0f);
            }
            for (int j = 1; j <= h; j++) {
                int row = (j - 1) * sw;
                add(scratch, sRe + row, y, yr + o0, sw);
                add(scratch, sIm + row, y, yi + o0, sw);
            }
            for (int k = 1; k <= h; k++) {
                int ak = o0 + k * sw;
                int bk = o0 + (p - k) * sw;
                // three pairs per pass: fewer loads and stores of the accumulators per multiply-add
                int j = 1;
                for (; j + 2 <= h; j += 3) {
                    int c = (k - 1) * h + j - 1;
                    accumulate3(y, yr + ak, yi + ak, yr + bk, yi + bk, scratch, (j - 1) * sw, sIm - sRe, dRe - sRe,
                            dIm - sRe, sw, cos[c], cos[c + 1], cos[c + 2], sin[c], sin[c + 1], sin[c + 2]);
                }
                for (; j <= h; j++) {
                    float c = cos[(k - 1) * h + j - 1];
                    float sn = sin[(k - 1) * h + j - 1];
                    int row = (j - 1) * sw;
                    for (int t = 0; t < sw; t++) {
                        y[yr + ak + t] += c * scratch[sRe + row + t];
                        y[yi + ak + t] += c * scratch[sIm + row + t];
                        y[yr + bk + t] += sn * scratch[dRe + row + t];
                        y[yi + bk + t] += sn * scratch[dIm + row + t];
                    }
                }
                if (q == 0) {
                    for (int t = 0; t < sw; t++) {
                        float ar = y[yr + ak + t];
                        float ai = y[yi + ak + t];
                        float br = y[yr + bk + t];
                        float bi = y[yi + bk + t];
                        y[yr + ak + t] = ar + bi;
                        y[yi + ak + t] = ai - br;
                        y[yr + bk + t] = ar - bi;
                        y[yi + bk + t] = ai + br;
                    }
                } else {
                    float ukr = wr[q * p + k];
                    float uki = wi[q * p + k];
                    float vkr = wr[q * p + p - k];
                    float vki = wi[q * p + p - k];
                    for (int t = 0; t < sw; t++) {
                        float ar = y[yr + ak + t];
                        float ai = y[yi + ak + t];
                        float br = y[yr + bk + t];
                        float bi = y[yi + bk + t];
                        float kr = ar + bi;
                        float ki = ai - br;
                        float pr = ar - bi;
                        float pi = ai + br;
                        y[yr + ak + t] = kr * ukr - ki * uki;
                        y[yi + ak + t] = kr * uki + ki * ukr;
                        y[yr + bk + t] = pr * vkr - pi * vki;
                        y[yi + bk + t] = pr * vki + pi * vkr;
                    }
                }
            }
        }
    }

    /** A_k += sum of c_i S_(j+i), B_k += sum of s_i D_(j+i) for i = 0, 1, 2 (S at row0, rows sw apart). */
    private static void accumulate3(float[] y, int ar, int ai, int br, int bi, float[] z, int row0, int sImShift,
            int dReShift, int dImShift, int sw, float c0, float c1, float c2, float s0, float s1, float s2) {
        int r0 = row0;
        int r1 = row0 + sw;
        int r2 = row0 + 2 * sw;
        for (int t = 0; t < sw; t++) {
            y[ar + t] += c0 * z[r0 + t] + c1 * z[r1 + t] + c2 * z[r2 + t];
            y[ai + t] += c0 * z[sImShift + r0 + t] + c1 * z[sImShift + r1 + t] + c2 * z[sImShift + r2 + t];
            y[br + t] += s0 * z[dReShift + r0 + t] + s1 * z[dReShift + r1 + t] + s2 * z[dReShift + r2 + t];
            y[bi + t] += s0 * z[dImShift + r0 + t] + s1 * z[dImShift + r1 + t] + s2 * z[dImShift + r2 + t];
        }
    }

    private static void add(float[] from, int fromOffset, float[] to, int toOffset, int count) {
        for (int t = 0; t < count; t++) {
            to[toOffset + t] += from[fromOffset + t];
        }
    }
}
