package contrastlab.api.nd;

import ai.djl.ndarray.NDArray;

/** Array helpers that work on every engine, including MXNet's gaps. */
public final class Ops {

    /** A mask value that is effectively minus infinity in a softmax but keeps gradients finite. */
    public static final float MASK_VALUE = -1e9f;

    private Ops() {}

    /**
     * L2-normalises the rows of {@code x} (last axis) as {@code x / sqrt(sum(x^2) + eps)}, whose
     * gradient stays finite at zero (the engine's norm is NaN there).
     */
    public static NDArray l2Normalize(NDArray x, float eps) {
        NDArray norm = x.square().sum(new int[] {-1}, true).add(eps).sqrt();
        return x.div(norm);
    }

    /** {@link #l2Normalize(NDArray, float)} with eps = 1e-12. */
    public static NDArray l2Normalize(NDArray x) {
        return l2Normalize(x, 1e-12f);
    }
}
