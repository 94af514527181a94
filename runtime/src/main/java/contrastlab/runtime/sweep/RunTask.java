package contrastlab.runtime.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A run to start: {@code contrastlab <arguments>} with extra environment variables, its output appended to
 * {@code log}.
 */
public record RunTask(PlannedRun run, Path dir, List<String> arguments, Map<String, String> environment, Path log) {

    public RunTask {
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }
}
