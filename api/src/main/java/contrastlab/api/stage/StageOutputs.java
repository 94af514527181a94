package contrastlab.api.stage;

import java.nio.file.Path;

/** The directories of a run's finished stages, by stage name. */
@FunctionalInterface
public interface StageOutputs {

    /** No earlier stages (a single-stage recipe). */
    StageOutputs NONE = name -> {
        throw new StageException("no stage named '" + name + "' ran before this one; add it to the recipe's"
                + " 'stages' list before the stage that reads it");
    };

    /**
     * The directory of the finished stage called {@code name}.
     *
     * @throws StageException naming the missing stage when no such stage ran before the caller
     */
    Path directory(String name);
}
