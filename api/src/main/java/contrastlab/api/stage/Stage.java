package contrastlab.api.stage;

import java.io.IOException;
import java.util.Map;

/**
 * One step of a multi-stage recipe. It writes its outputs under {@link StageContext#directory()}; the
 * runtime marks the stage finished only after {@link #run()} returns, and skips a finished stage whose
 * resolved recipe section is unchanged when the run is started again.
 */
@FunctionalInterface
public interface Stage {

    /**
     * Runs (or, when its directory holds a checkpoint of its own, resumes) the stage.
     *
     * @return summary metrics, e.g. {@code {"val_mse": 0.004}}; the runtime prefixes them with the
     *     stage's name and adds them to the run's summary
     */
    Map<String, Double> run() throws IOException;
}
