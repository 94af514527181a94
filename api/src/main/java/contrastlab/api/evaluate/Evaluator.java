package contrastlab.api.evaluate;

import java.io.IOException;
import java.util.Map;

/** Measures a frozen backbone; the returned metrics are prefixed with the evaluator's name. */
@FunctionalInterface
public interface Evaluator {

    /** Named scores in [0, 1] (accuracies) or any scalar, e.g. {@code {"top1": 0.83}}. */
    Map<String, Double> evaluate(EvaluationContext context) throws IOException;
}
