package contrastlab.plugins.math;

/** Float-array kernels shared by the plain-Java numerics (linear probe, k-means). */
public final class FloatVectors {

    private FloatVectors() {}

    /**
     * {@code a[aOffset ..] · b[bOffset ..]} over {@code length} values, with four independent
     * accumulators summed as (s0 + s1) + (s2 + s3): the JIT does not reorder float sums itself.
     */
    public static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (; j + 3 < length; j += 4) {
            s0 += a[aOffset + j] * b[bOffset + j];
            s1 += a[aOffset + j + 1] * b[bOffset + j + 1];
            s2 += a[aOffset + j + 2] * b[bOffset + j + 2];
            s3 += a[aOffset + j + 3] * b[bOffset + j + 3];
        }
        for (; j < length; j++) {
            s0 += a[aOffset + j] * b[bOffset + j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
