package contrastlab.runtime.sweep;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs each training run in its own JVM, started like this one (same java binary, JVM options and class
 * path): a crash, a native-memory leak or an engine's global state cannot spill into the next run, and
 * several runs can share a machine with their own thread counts.
 */
public final class ProcessLauncher implements RunLauncher {

    private final List<String> command;

    private ProcessLauncher(List<String> command) {
        this.command = List.copyOf(command);
    }

    /** A launcher that starts {@code java <this JVM's options> -cp <this class path> contrastlab.runtime.cli.Main}. */
    public static ProcessLauncher likeThisJvm() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // a debugger agent would try to bind the parent's port again
            if (!option.startsWith("-agentlib:jdwp") && !option.startsWith("-Xrunjdwp")) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("contrastlab.runtime.cli.Main");
        return new ProcessLauncher(command);
    }

    /** The command line before the run's own arguments. */
    public List<String> command() {
        return command;
    }

    @Override
    public int launch(RunTask task) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(command);
        full.addAll(task.arguments());
        Files.createDirectories(task.log().getParent());
        Files.writeString(task.log(), "# " + String.join(" ", full) + "\n# environment " + task.environment() + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(task.log().toFile()));
        builder.environment().putAll(task.environment());
        Process process = builder.start();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            throw e;
        }
    }
}
