package contrastlab.runtime.stage;

import contrastlab.api.stage.StageOutputs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The directories of the stages of this run that have finished so far, in order. */
public final class FinishedStages implements StageOutputs {

    private final Map<String, Path> finished = new LinkedHashMap<>();

    void add(String name, Path directory) {
        finished.put(name, directory);
    }

    @Override
    public Path directory(String name) {
        Path dir = finished.get(name);
        if (dir == null) {
            return StageOutputs.NONE.directory(name);
        }
        return dir;
    }

    /** A snapshot for a stage's context: later additions are not visible to it. */
    StageOutputs snapshot() {
        Map<String, Path> copy = Map.copyOf(finished);
        return name -> copy.containsKey(name) ? copy.get(name) : StageOutputs.NONE.directory(name);
    }
}
