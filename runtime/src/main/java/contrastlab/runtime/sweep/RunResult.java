package contrastlab.runtime.sweep;

import java.util.Map;
import java.util.Optional;

/** One run's result for a report; {@code value} (its best metric) is empty until the run has finished. */
public record RunResult(String id, Map<String, String> cell, long seed, Optional<Double> value) {}
