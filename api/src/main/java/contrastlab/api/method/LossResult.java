package contrastlab.api.method;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A method's loss for one step and the scalar signals it wants in {@code metrics.csv}.
 *
 * @param loss the scalar to minimise
 * @param monitors named scalars averaged over the epoch (e.g. {@code z_std} to watch for collapse)
 */
public record LossResult(NDArray loss, Map<String, NDArray> monitors) {

    public LossResult {
        monitors = Map.copyOf(monitors);
    }

    public static LossResult of(NDArray loss) {
        return new LossResult(loss, Map.of());
    }
}
