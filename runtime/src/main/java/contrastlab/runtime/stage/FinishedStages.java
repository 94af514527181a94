package contrastlab.runtime.stage;

import contrastlab.api.stage.StageOutputs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The directories of the stages of this run that have finished so far, in order. */
public final class FinishedStages implements StageOutputs {

    private final Map<String, Path> finished = new LinkedHashMap<>();

    public FinishedStages() {}

    /** The stages of {@code recipe} that have a {@code done.json} in {@code run} (for {@code eval}). */
    public static FinishedStages of(contrastlab.runtime.run.RunDirectory run, contrastlab.runtime.recipe.Recipe recipe) {
        FinishedStages stages = new FinishedStages();
        for (contrastlab.runtime.recipe.StageChoice stage : recipe.stages()) {
            Path dir = StageRunner.directory(run, stage.name());
            if (java.nio.file.Files.exists(dir.resolve(StageRunner.DONE))) {
                stages.add(stage.name(), stage.kind() == contrastlab.runtime.recipe.StageChoice.Kind.PRETRAIN ? run.path() : dir);
            }
        }
        return stages;
    }

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
