package contrastlab.plugins.backbone.scatnet;

/** One thread's reusable buffers and FFT plans for {@link Scattering2D}: nothing is allocated per image. */
final class Workspace {

    /** fft[res] transforms the (m >> res) x (n >> res) grid. */
    final Fft2[] fft;
    /** Spectrum of the padded image (planar complex, transposed: see Fft2). */
    final float[] u0;
    /** Planar complex work array: a filtered, subsampled spectrum, then its inverse FFT. */
    final float[] work;
    /** A real array at any resolution: the padded image, then |U1|. */
    final float[] u1;
    /** Spectrum of |U1| (planar complex, transposed). */
    final float[] u1Spectrum;
    /** |U2| (real). */
    final float[] u2;
    /** Intermediate of the separable low-pass product. */
    final float[] lowPass;

    Workspace(int scales, int m, int n, int outRows) {
        fft = new Fft2[scales];
        for (int res = 0; res < scales; res++) {
            fft[res] = new Fft2(m >> res, n >> res);
        }
        u0 = new float[2 * m * n];
        work = new float[2 * m * n];
        u1 = new float[m * n];
        u1Spectrum = new float[2 * m * n];
        u2 = new float[m * n];
        lowPass = new float[outRows * n];
    }
}
