package contrastlab.runtime.sweep;

/** What a sweep finds in a run's folder before it starts the run. */
public enum RunStatus {
    /** Nothing trained yet: start the run. */
    NEW,
    /** A checkpoint of this recipe but no summary: continue it with {@code train --resume}. */
    INTERRUPTED,
    /** A summary of this recipe: skip. */
    FINISHED,
    /** A checkpoint or summary of a different recipe: refuse, the results would be mixed up. */
    CONFLICT
}
