package contrastlab.runtime.cli;

import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.sweep.Axis;
import contrastlab.runtime.sweep.PlannedRun;
import contrastlab.runtime.sweep.ProcessLauncher;
import contrastlab.runtime.sweep.RunLauncher;
import contrastlab.runtime.sweep.RunOutcome;
import contrastlab.runtime.sweep.RunStatus;
import contrastlab.runtime.sweep.SweepFile;
import contrastlab.runtime.sweep.SweepPlan;
import contrastlab.runtime.sweep.SweepReport;
import contrastlab.runtime.sweep.SweepRunner;
import contrastlab.runtime.sweep.SweepSpec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code contrastlab sweep SWEEP [--workers W] [--shard I/N] [--out DIR] [--only AXIS=L1,L2] [--dry-run]}.
 */
final class SweepCommand extends Command {

    private final Supplier<RunLauncher> launcher;

    SweepCommand(PrintStream out, PrintStream err) {
        this(out, err, ProcessLauncher::likeThisJvm);
    }

    SweepCommand(PrintStream out, PrintStream err, Supplier<RunLauncher> launcher) {
        super(out, err);
        this.launcher = launcher;
    }

    @Override
    int run(String[] args) throws ParseException, IOException {
        Options options = new Options();
        options.addOption(Option.builder().longOpt("plugins").hasArg().argName("DIR")
                .desc("a folder of extra plugin jars (repeatable)").build());
        options.addOption(Option.builder().longOpt("out").hasArg().argName("DIR")
                .desc("the sweep folder (default runs/sweeps/<sweep name>)").build());
        options.addOption(Option.builder().longOpt("workers").hasArg().argName("W")
                .desc("runs side by side, the cores divided between them (default 1)").build());
        options.addOption(Option.builder().longOpt("shard").hasArg().argName("I/N")
                .desc("run only share I (0-based) of N").build());
        options.addOption(Option.builder().longOpt("only").hasArg().argName("AXIS=L1,L2")
                .desc("run only these labels of a grid axis (repeatable)").build());
        options.addOption(Option.builder().longOpt("dry-run").desc("list the runs and their state, run nothing").build());
        CommandLine line = parse(options, args);
        SweepSpec spec = SweepFile.read(Path.of(positional(line, "SWEEP", "sweep")));
        Path folder = Path.of(line.getOptionValue("out", Path.of("runs", "sweeps", spec.name()).toString()));
        int workers = intOption(line, "workers", 1);
        if (workers < 1) {
            throw new UsageException("--workers " + workers + " must be at least 1");
        }
        int[] shard = shard(line.getOptionValue("shard", "0/1"));
        List<PlannedRun> all = SweepPlan.runs(spec);
        List<PlannedRun> selected = SweepPlan.only(all, only(line, spec));
        List<PlannedRun> share = SweepPlan.shard(selected, shard[0], shard[1]);

        PluginRegistry registry = registry(line);
        List<Path> pluginDirs = new ArrayList<>();
        if (line.hasOption("plugins")) {
            for (String dir : line.getOptionValues("plugins")) {
                pluginDirs.add(Path.of(dir));
            }
        }
        SweepRunner runner = new SweepRunner(registry, pluginDirs, launcher.get(), err);
        // every selected run (all shards), so a wrong grid fails on every machine before anything trains
        Map<String, ObjectNode> resolved = runner.resolve(spec, selected);
        Map<String, RunStatus> statuses = runner.inspect(folder, share, resolved);
        if (line.hasOption("dry-run")) {
            for (PlannedRun run : share) {
                out.println(statuses.get(run.id()).name().toLowerCase() + "  " + SweepRunner.runDir(folder, run));
            }
            return Main.OK;
        }
        SweepRunner.writeManifest(spec, all, folder);
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = line.hasOption("workers") ? Math.max(1, cores / workers) : 0;
        List<RunOutcome> outcomes;
        try {
            outcomes = runner.run(spec, folder, share, statuses, workers, threads);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("sweep interrupted; run the same command again to resume");
        }
        long failed = outcomes.stream().filter(RunOutcome::failed).count();
        long skipped = outcomes.stream().filter(o -> o.before() == RunStatus.FINISHED).count();
        out.println("sweep " + spec.name() + ": " + share.size() + " runs (shard " + shard[0] + "/" + shard[1] + "): "
                + skipped + " already finished, " + (share.size() - skipped - failed) + " trained, " + failed
                + " failed; folder " + folder);
        if (shard[1] == 1 && selected.size() == all.size()) {
            SweepReport report = SweepReport.read(folder);
            report.write(folder);
            out.print(report.markdown());
        }
        return failed == 0 ? Main.OK : Main.FAILURE;
    }

    /** {@code I/N} with 0 <= I < N. */
    static int[] shard(String text) {
        String[] parts = text.split("/");
        try {
            if (parts.length == 2) {
                int index = Integer.parseInt(parts[0].trim());
                int count = Integer.parseInt(parts[1].trim());
                if (count >= 1 && index >= 0 && index < count) {
                    return new int[] {index, count};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--shard " + text + " is not I/N with 0 <= I < N (e.g. --shard 0/4)");
    }

    private static Map<String, Set<String>> only(CommandLine line, SweepSpec spec) {
        Map<String, Set<String>> only = new LinkedHashMap<>();
        if (!line.hasOption("only")) {
            return only;
        }
        for (String value : line.getOptionValues("only")) {
            int eq = value.indexOf('=');
            String name = eq < 0 ? value : value.substring(0, eq);
            Axis axis = spec.axes().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow(() ->
                    new UsageException("--only " + value + ": no grid axis '" + name + "'; axes: "
                            + String.join(", ", spec.axes().stream().map(Axis::name).toList())));
            Set<String> labels = new LinkedHashSet<>();
            for (String label : eq < 0 ? new String[0] : value.substring(eq + 1).split(",")) {
                if (axis.value(label.trim()).isEmpty()) {
                    throw new UsageException("--only " + value + ": axis '" + name + "' has no value '" + label.trim()
                            + "'; values: " + String.join(", ", axis.labels()));
                }
                labels.add(label.trim());
            }
            if (labels.isEmpty()) {
                throw new UsageException("--only " + value + ": expected AXIS=LABEL[,LABEL...]");
            }
            only.put(name, labels);
        }
        return only;
    }
}
