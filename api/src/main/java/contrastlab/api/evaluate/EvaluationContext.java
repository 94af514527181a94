package contrastlab.api.evaluate;

import ai.djl.ndarray.NDManager;
import java.io.IOException;

/** What an evaluator measures: the frozen backbone's features, by split. */
public interface EvaluationContext {

    /** A manager closed when the evaluation ends. */
    NDManager manager();

    /**
     * Features of a labelled split of the run's dataset, computed once per evaluation round and
     * shared by all evaluators.
     */
    FeatureSet features(String split) throws IOException;

    /** Zero-based epoch that just finished. */
    int epoch();
}
