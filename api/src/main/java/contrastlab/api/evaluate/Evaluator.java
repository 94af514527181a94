package contrastlab.api.evaluate;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** Measures a frozen backbone; the returned metrics are prefixed with the evaluator's name. */
@FunctionalInterface
public interface Evaluator {

    /** Named scores in [0, 1] (accuracies) or any scalar, e.g. {@code {"top1": 0.83}}. */
    Map<String, Double> evaluate(EvaluationContext context) throws IOException;

    /**
     * The method's feature taps this evaluator reads besides the backbone's features (e.g.
     * {@code projector-1}); the runtime checks them against the method before training starts.
     */
    default Set<String> featureTaps() {
        return Set.of();
    }
}
