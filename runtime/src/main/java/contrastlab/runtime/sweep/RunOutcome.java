package contrastlab.runtime.sweep;

/**
 * What happened to one run of a sweep invocation.
 *
 * @param before   the folder's state when the sweep started
 * @param exitCode the training process's exit code; 0 for a run skipped as finished
 */
public record RunOutcome(PlannedRun run, RunStatus before, int exitCode) {

    public boolean failed() {
        return exitCode != 0;
    }
}
