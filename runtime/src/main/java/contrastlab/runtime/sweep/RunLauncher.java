package contrastlab.runtime.sweep;

import java.io.IOException;

/** Runs one training run to its end and returns its exit code. */
@FunctionalInterface
public interface RunLauncher {

    int launch(RunTask task) throws IOException, InterruptedException;
}
