package contrastlab.plugins.backbone.scatnet;

/**
 * One thread's reusable buffers and FFT plans for {@link Scattering2D}: nothing is allocated per image.
 * At resolution r the paths are processed {@code batch[r]} at a time (see {@link Fft2} for the layout).
 */
final class Workspace {

    /** fft[r] transforms batch[r] grids of (m >> r) x (n >> r). */
    final Fft2[] fft;
    /** Spectrum of the padded image (planar complex, transposed: see Fft2). */
    final float[] u0;
    /** The padded image (real, m x n). */
    final float[] padded;
    /** work[r]: filtered, subsampled spectra of a batch at resolution r, then their inverse FFTs. */
    final float[][] work;
    /** modulus[r]: |ifft2| of a batch at resolution r (real). */
    final float[][] modulus;
    /** spectrum[r]: the spectra of a batch of first-order moduli at resolution r (sources of order 2). */
    final float[][] spectrum;
    /** Intermediates of the separable low-pass products. */
    final float[] lowPass;
    final float[] lowPassT;
    final float[] lowPassOut;

    Workspace(int scales, int m, int n, int[] batch, int outRows, int outColumns) {
        fft = new Fft2[scales];
        work = new float[scales][];
        modulus = new float[scales][];
        spectrum = new float[scales][];
        int widest = n;
        int widestBatch = 1;
        for (int r = 0; r < scales; r++) {
            fft[r] = new Fft2(m >> r, n >> r, batch[r]);
            int size = fft[r].size();
            work[r] = new float[2 * size];
            modulus[r] = new float[size];
            spectrum[r] = r < scales - 1 ? new float[2 * size] : new float[0];
            widest = Math.max(widest, batch[r] * (n >> r));
            widestBatch = Math.max(widestBatch, batch[r]);
        }
        u0 = new float[2 * m * n];
        padded = new float[m * n];
        lowPass = new float[outRows * widest];
        lowPassT = new float[outRows * widest];
        lowPassOut = new float[outRows * outColumns * widestBatch];
    }
}
