package contrastlab.plugins.backbone.scatnet;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * In-place 2-D complex FFT of an interleaved (re, im) row-major {@code m x n} float array: JTransforms'
 * 1-D transforms along the rows, then along the columns through a reused column buffer. Not
 * thread-safe (one instance per worker thread). The inverse is normalised by 1/(m n), as torch.fft.
 */
final class Fft2 {

    private final int m;
    private final int n;
    private final FloatFFT_1D rowFft;
    private final FloatFFT_1D columnFft;
    private final float[] column;

    Fft2(int m, int n) {
        this.m = m;
        this.n = n;
        rowFft = new FloatFFT_1D(n);
        columnFft = m == n ? rowFft : new FloatFFT_1D(m);
        column = new float[2 * m];
    }

    void forward(float[] a) {
        transform(a, false);
    }

    void inverse(float[] a) {
        transform(a, true);
    }

    private void transform(float[] a, boolean inverse) {
        for (int r = 0; r < m; r++) {
            if (inverse) {
                rowFft.complexInverse(a, 2 * r * n, true);
            } else {
                rowFft.complexForward(a, 2 * r * n);
            }
        }
        int stride = 2 * n;
        for (int c = 0; c < n; c++) {
            int base = 2 * c;
            for (int r = 0, i = base; r < m; r++, i += stride) {
                column[2 * r] = a[i];
                column[2 * r + 1] = a[i + 1];
            }
            if (inverse) {
                columnFft.complexInverse(column, true);
            } else {
                columnFft.complexForward(column);
            }
            for (int r = 0, i = base; r < m; r++, i += stride) {
                a[i] = column[2 * r];
                a[i + 1] = column[2 * r + 1];
            }
        }
    }
}
