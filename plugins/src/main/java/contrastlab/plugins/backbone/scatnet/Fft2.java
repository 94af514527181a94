package contrastlab.plugins.backbone.scatnet;

/**
 * 2-D complex DFT of an {@code m x n} grid in planar layout (the {@code m n} real parts, then the
 * {@code m n} imaginary parts, row-major), built from two {@link BatchFft} passes that each transform
 * all columns at once, with a transpose in between. The spectrum is kept <em>transposed</em>: {@link
 * #forward} takes a spatial m x n array and leaves its DFT as an n x m array (entry [v][u] holds
 * frequency (u, v)); {@link #inverse} takes such a transposed spectrum and returns the spatial m x n
 * array, normalised by 1/(m n) as torch.fft. Skipping the transpose back saves a pass per transform;
 * the filters the spectra meet are stored transposed too.
 *
 * <p>Not thread-safe (one instance per worker thread: it owns its scratch buffers).
 */
final class Fft2 {

    private final int m;
    private final int n;
    private final int size;
    /** Length m over n columns (first pass of forward, second of inverse). */
    private final BatchFft alongRows;
    /** Length n over m columns (of the transposed array). */
    private final BatchFft alongColumns;
    private final float[] buffer;
    private final float[] scratch;

    Fft2(int m, int n) {
        this.m = m;
        this.n = n;
        size = m * n;
        alongRows = new BatchFft(m, n);
        alongColumns = new BatchFft(n, m);
        buffer = new float[2 * size];
        scratch = new float[Math.max(alongRows.scratchSize(), alongColumns.scratchSize())];
    }

    int rows() {
        return m;
    }

    int columns() {
        return n;
    }

    /** Spatial m x n (planar complex) in {@code a} -> its DFT, transposed (n x m), in {@code a}. */
    void forward(float[] a) {
        run(a, 0, size, alongRows, alongColumns, 1f);
    }

    /** Transposed spectrum (n x m, planar) in {@code a} -> ifft2, spatial m x n, in {@code a}. */
    void inverse(float[] a) {
        // ifft(x) = swap(fft(swap(x))) / size: the same passes with the planes exchanged
        run(a, size, 0, alongColumns, alongRows, 1f / size);
    }

    private void run(float[] a, int re, int im, BatchFft first, BatchFft second, float scale) {
        first.forward(a, re, im, buffer, re, im, scratch);
        float[] result = first.stages() % 2 == 0 ? a : buffer;
        float[] other = result == a ? buffer : a;
        transpose(result, re, im, first.length(), first.width(), other, scale);
        second.forward(other, re, im, result, re, im, scratch);
        float[] last = second.stages() % 2 == 0 ? other : result;
        if (last != a) {
            System.arraycopy(last, 0, a, 0, 2 * size);
        }
    }

    /** {@code to = scale * from^T} for both planes of a rows x columns array, in cache-sized tiles. */
    private static void transpose(float[] from, int re, int im, int rows, int columns, float[] to, float scale) {
        final int tile = 16;
        for (int r0 = 0; r0 < rows; r0 += tile) {
            int r1 = Math.min(rows, r0 + tile);
            for (int c0 = 0; c0 < columns; c0 += tile) {
                int c1 = Math.min(columns, c0 + tile);
                for (int r = r0; r < r1; r++) {
                    int src = r * columns;
                    for (int c = c0; c < c1; c++) {
                        int dst = c * rows + r;
                        to[re + dst] = scale * from[re + src + c];
                        to[im + dst] = scale * from[im + src + c];
                    }
                }
            }
        }
    }
}
