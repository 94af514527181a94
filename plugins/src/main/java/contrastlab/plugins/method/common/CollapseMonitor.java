package contrastlab.plugins.method.common;

import ai.djl.ndarray.NDArray;
import contrastlab.api.nd.Ops;

/**
 * The collapse signal of the SimSiam paper: the standard deviation over the batch of each dimension
 * of the L2-normalised outputs, averaged over the dimensions. Outputs spread over the sphere give
 * about {@code 1/sqrt(d)}; a collapsed representation gives 0.
 */
public final class CollapseMonitor {

    private CollapseMonitor() {}

    /** The mean per-dimension standard deviation (population) of the rows of {@code z} after L2 normalisation; no gradient. */
    public static NDArray normalizedStd(NDArray z) {
        NDArray unit = Ops.l2Normalize(z.stopGradient());
        NDArray centered = unit.sub(unit.mean(new int[] {0}, true));
        return centered.square().mean(new int[] {0}).sqrt().mean();
    }
}
