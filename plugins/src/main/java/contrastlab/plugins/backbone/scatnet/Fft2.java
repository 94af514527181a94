package contrastlab.plugins.backbone.scatnet;

/**
 * 2-D complex DFT of {@code batch} grids of {@code m x n} at once, in planar layout (all real parts,
 * then all imaginary parts) with the grids interleaved by rows: element (b, x, y) of the spatial
 * array is at {@code (x * batch + b) * n + y}. Two {@link BatchFft} passes, each transforming every
 * column of every grid at once (loops of {@code batch * n} or {@code batch * m} contiguous floats),
 * with a transpose in between. The spectrum is kept <em>transposed</em>: {@link #forward} leaves
 * frequency (u, v) of grid b at {@code (v * batch + b) * m + u}; {@link #inverse} takes that layout
 * and returns the spatial one, normalised by 1/(m n) as torch.fft. Skipping the transpose back saves
 * a pass per transform; the filters the spectra meet are stored transposed too.
 *
 * <p>Not thread-safe (one instance per worker thread: it owns its scratch buffers).
 */
final class Fft2 {

    private final int m;
    private final int n;
    private final int batch;
    private final int size;
    /** Length m over n columns (first pass of forward, second of inverse). */
    private final BatchFft alongRows;
    /** Length n over m columns (of the transposed array). */
    private final BatchFft alongColumns;
    private final float[] buffer;
    private final float[] scratch;

    Fft2(int m, int n) {
        this(m, n, 1);
    }

    Fft2(int m, int n, int batch) {
        this.m = m;
        this.n = n;
        this.batch = batch;
        size = m * n * batch;
        alongRows = new BatchFft(m, batch * n);
        alongColumns = new BatchFft(n, batch * m);
        buffer = new float[2 * size];
        scratch = new float[Math.max(alongRows.scratchSize(), alongColumns.scratchSize())];
    }

    int rows() {
        return m;
    }

    int columns() {
        return n;
    }

    int batch() {
        return batch;
    }

    /** Complex values of the whole batch (the offset of the imaginary plane). */
    int size() {
        return size;
    }

    /** Spatial grids (planar complex) in {@code a} -> their DFTs, transposed, in {@code a}. */
    void forward(float[] a) {
        run(a, 0, size, alongRows, alongColumns, 1f);
    }

    /** Transposed spectra (planar) in {@code a} -> ifft2, spatial grids, in {@code a}. */
    void inverse(float[] a) {
        // ifft(x) = swap(fft(swap(x))) / (m n): the same passes with the planes exchanged
        run(a, size, 0, alongColumns, alongRows, 1f / (m * n));
    }

    private void run(float[] a, int re, int im, BatchFft first, BatchFft second, float scale) {
        first.forward(a, re, im, buffer, re, im, scratch);
        float[] result = first.stages() % 2 == 0 ? a : buffer;
        float[] other = result == a ? buffer : a;
        transpose(result, re, im, first.length(), batch, first.width() / batch, other, scale);
        second.forward(other, re, im, result, re, im, scratch);
        float[] last = second.stages() % 2 == 0 ? other : result;
        if (last != a) {
            System.arraycopy(last, 0, a, 0, 2 * size);
        }
    }

    /**
     * {@code to[c][b][r] = scale * from[r][b][c]} for both planes: each grid of a rows x columns batch
     * transposed, in cache-sized tiles.
     */
    private static void transpose(float[] from, int re, int im, int rows, int batch, int columns, float[] to,
            float scale) {
        final int tile = 16;
        int fromStride = batch * columns;
        int toStride = batch * rows;
        for (int b = 0; b < batch; b++) {
            for (int r0 = 0; r0 < rows; r0 += tile) {
                int r1 = Math.min(rows, r0 + tile);
                for (int c0 = 0; c0 < columns; c0 += tile) {
                    int c1 = Math.min(columns, c0 + tile);
                    for (int r = r0; r < r1; r++) {
                        int src = r * fromStride + b * columns;
                        for (int c = c0; c < c1; c++) {
                            int dst = c * toStride + b * rows + r;
                            to[re + dst] = scale * from[re + src + c];
                            to[im + dst] = scale * from[im + src + c];
                        }
                    }
                }
            }
        }
    }
}
