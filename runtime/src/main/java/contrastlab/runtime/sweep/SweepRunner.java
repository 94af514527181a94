package contrastlab.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.recipe.Assignment;
import contrastlab.runtime.recipe.RecipeException;
import contrastlab.runtime.recipe.RecipeLoader;
import contrastlab.runtime.run.RunDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a sweep's share of runs: resolves every run's recipe first (so a wrong grid, e.g. a method that
 * is not installed, fails before anything trains), skips finished runs, continues interrupted ones and
 * starts the rest, {@code workers} at a time, each in its own process.
 */
public final class SweepRunner {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PluginRegistry registry;
    private final List<Path> pluginDirs;
    private final RunLauncher launcher;
    private final PrintStream err;

    public SweepRunner(PluginRegistry registry, List<Path> pluginDirs, RunLauncher launcher, PrintStream err) {
        this.registry = registry;
        this.pluginDirs = List.copyOf(pluginDirs);
        this.launcher = launcher;
        this.err = err;
    }

    /** The folder of one run. */
    public static Path runDir(Path out, PlannedRun run) {
        return out.resolve("runs").resolve(run.id());
    }

    /** Every run's resolved recipe, by run id; throws the first recipe error, naming the sweep file's line. */
    public Map<String, ObjectNode> resolve(SweepSpec spec, List<PlannedRun> runs) {
        RecipeLoader loader = new RecipeLoader(registry);
        Map<String, ObjectNode> resolved = new LinkedHashMap<>();
        for (PlannedRun run : runs) {
            resolved.put(run.id(), loader.load(spec.base(), List.of(), run.assignments()).resolved());
        }
        return resolved;
    }

    /** Each run's folder state; a folder holding another recipe's run is an error. */
    public Map<String, RunStatus> inspect(Path out, List<PlannedRun> runs, Map<String, ObjectNode> resolved) {
        Map<String, RunStatus> statuses = new LinkedHashMap<>();
        for (PlannedRun run : runs) {
            Path dir = runDir(out, run);
            RunStatus status = RunInspector.status(dir, resolved.get(run.id()));
            if (status == RunStatus.CONFLICT) {
                throw new RecipeException("run folder " + dir + " holds a run of a different recipe (first difference: '"
                        + RunInspector.difference(dir, resolved.get(run.id())).orElse("?")
                        + "'); delete the folder or pass another --out");
            }
            statuses.put(run.id(), status);
        }
        return statuses;
    }

    /**
     * Runs {@code share}. With {@code threadsPerRun > 0} each process gets that many OpenMP threads and
     * {@code data.workers}; 0 leaves both to the environment and the recipe.
     */
    public List<RunOutcome> run(SweepSpec spec, Path out, List<PlannedRun> share, Map<String, RunStatus> statuses,
            int workers, int threadsPerRun) throws IOException, InterruptedException {
        List<PlannedRun> todo = share.stream().filter(r -> statuses.get(r.id()) != RunStatus.FINISHED).toList();
        List<RunOutcome> outcomes = new ArrayList<>();
        share.stream().filter(r -> statuses.get(r.id()) == RunStatus.FINISHED)
                .forEach(r -> outcomes.add(new RunOutcome(r, RunStatus.FINISHED, 0)));
        err.println("contrastlab: sweep " + spec.name() + ": " + share.size() + " runs in this share, "
                + outcomes.size() + " already finished, " + todo.size() + " to run, " + workers + " at a time");
        AtomicInteger started = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers));
        try {
            List<Future<RunOutcome>> futures = new ArrayList<>();
            for (PlannedRun run : todo) {
                futures.add(pool.submit(() -> runOne(spec, out, run, statuses.get(run.id()), threadsPerRun,
                        started.incrementAndGet(), todo.size())));
            }
            for (Future<RunOutcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return outcomes;
    }

    private RunOutcome runOne(SweepSpec spec, Path out, PlannedRun run, RunStatus status, int threadsPerRun, int n,
            int total) throws IOException, InterruptedException {
        Path dir = runDir(out, run);
        RunTask task = task(spec, run, dir, status == RunStatus.INTERRUPTED, threadsPerRun);
        err.println("contrastlab: sweep: start " + n + "/" + total + " " + run.id()
                + (status == RunStatus.INTERRUPTED ? " (resuming)" : ""));
        long t0 = System.nanoTime();
        int code = launcher.launch(task);
        long seconds = Math.round((System.nanoTime() - t0) / 1e9);
        if (code == 0) {
            err.println("contrastlab: sweep: done " + run.id() + " in " + seconds + " s");
        } else {
            err.println("contrastlab: sweep: FAILED " + run.id() + " (exit " + code + " after " + seconds + " s); see "
                    + task.log());
        }
        return new RunOutcome(run, status, code);
    }

    /** The {@code train} command line of a run: the base recipe with the run's values as {@code --set}. */
    RunTask task(SweepSpec spec, PlannedRun run, Path dir, boolean resume, int threadsPerRun) throws IOException {
        List<String> args = new ArrayList<>(List.of("train", spec.base().toString()));
        for (Assignment a : run.assignments()) {
            // JSON is YAML, so the child parses exactly the value the sweep file gave
            args.add("--set");
            args.add(a.key() + "=" + JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(a.value()));
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (threadsPerRun > 0) {
            args.add("--set");
            args.add("data.workers=" + threadsPerRun);
            env.put("OMP_NUM_THREADS", Integer.toString(threadsPerRun));
        }
        args.addAll(List.of("--out", dir.toAbsolutePath().toString(), "--no-progress"));
        if (resume) {
            args.add("--resume");
        }
        for (Path plugins : pluginDirs) {
            args.addAll(List.of("--plugins", plugins.toAbsolutePath().toString()));
        }
        return new RunTask(run, dir, args, env, dir.resolve("train.log"));
    }

    /** Writes {@code sweep.json}: what {@code contrastlab report} needs to lay out the table. */
    public static void writeManifest(SweepSpec spec, List<PlannedRun> runs, Path out) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("sweep", spec.name());
        root.put("file", spec.file().toString());
        root.put("base", spec.base().toString());
        ArrayNode seeds = root.putArray("seeds");
        spec.seeds().forEach(seeds::add);
        ArrayNode axes = root.putArray("axes");
        for (Axis axis : spec.axes()) {
            ObjectNode a = axes.addObject().put("name", axis.name());
            ArrayNode labels = a.putArray("labels");
            axis.labels().forEach(labels::add);
        }
        root.set("report", JSON.valueToTree(spec.report()));
        ArrayNode list = root.putArray("runs");
        for (PlannedRun run : runs) {
            ObjectNode r = list.addObject().put("id", run.id()).put("seed", run.seed());
            ObjectNode cell = r.putObject("cell");
            run.cell().forEach(cell::put);
        }
        java.nio.file.Files.createDirectories(out);
        RunDirectory.writeAtomically(out.resolve("sweep.json"), JSON.writeValueAsString(root));
    }

    /** Reads a {@code sweep.json}. */
    static JsonNode readManifest(Path out) throws IOException {
        return JSON.readTree(out.resolve("sweep.json").toFile());
    }
}
