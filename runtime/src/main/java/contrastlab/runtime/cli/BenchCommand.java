package contrastlab.runtime.cli;

import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.recipe.Recipe;
import contrastlab.runtime.run.RunDirectory;
import contrastlab.runtime.train.BatchLoader;
import contrastlab.runtime.train.PreparedBatch;
import contrastlab.runtime.train.TrainingSession;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code contrastlab bench RECIPE [--steps N] [--warmup N]}: training-step throughput on prepared
 * batches (every view counts as an image), data-pipeline throughput on its own, and peak RSS.
 */
final class BenchCommand extends Command {

    BenchCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    int run(String[] args) throws ParseException, IOException {
        Options options = commonOptions();
        options.addOption(Option.builder().longOpt("steps").hasArg().argName("N").desc("timed steps (default 20)").build());
        options.addOption(Option.builder().longOpt("warmup").hasArg().argName("N").desc("untimed steps first (default 3)").build());
        options.addOption(Option.builder().longOpt("data-batches").hasArg().argName("N")
                .desc("batches for the data-pipeline measurement (default 2x steps)").build());
        CommandLine line = parse(options, args);
        String file = positional(line, "RECIPE", "bench");
        int steps = Math.max(1, intOption(line, "steps", 20));
        int warmup = intOption(line, "warmup", 3);
        int dataBatches = Math.max(1, intOption(line, "data-batches", 2 * steps));
        PluginRegistry registry = registry(line);
        Recipe recipe = loadRecipe(registry, file, overrides(line));
        Path scratch = Files.createTempDirectory("contrastlab-bench");
        try (TrainingSession session = Session.create(registry, recipe, RunDirectory.at(scratch), err)) {
            session.open();
            List<int[]> epochBatches = session.batches(0);
            double dataRate;
            long dataImages = 0;
            List<PreparedBatch> prepared = new ArrayList<>();
            try (BatchLoader loader = session.newLoader()) {
                List<int[]> order = new ArrayList<>();
                for (int i = 0; i < dataBatches; i++) {
                    order.add(epochBatches.get(i % epochBatches.size()));
                }
                long start = System.nanoTime();
                Iterator<PreparedBatch> it = loader.iterate(0, order);
                while (it.hasNext()) {
                    PreparedBatch batch = it.next();
                    dataImages += (long) batch.size() * batch.views().size();
                    if (prepared.size() < Math.min(8, steps + warmup)) {
                        prepared.add(batch);
                    }
                }
                dataRate = dataImages / ((System.nanoTime() - start) / 1e9);
            }
            for (int i = 0; i < warmup; i++) {
                session.step(prepared.get(i % prepared.size()), 0, true);
            }
            long start = System.nanoTime();
            long images = 0;
            for (int i = 0; i < steps; i++) {
                PreparedBatch batch = prepared.get(i % prepared.size());
                session.step(batch, 0, true);
                images += (long) batch.size() * batch.views().size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            PreparedBatch sample = prepared.get(0);
            out.printf("bench %s%n", file);
            out.printf("  train step     %8.1f img/s  (%.1f ms/step; batch %d x %d views of %s; %d steps after %d warm-up)%n",
                    images / seconds, 1000 * seconds / steps, sample.size(), sample.views().size(),
                    sample.viewShapes().get(0), steps, warmup);
            out.printf("  data pipeline  %8.1f img/s  (%d workers, %.1f img/s per worker)%n", dataRate, session.workers(),
                    dataRate / session.workers());
            out.printf("  peak RSS       %8.1f MiB%n", peakRssKiB() / 1024.0);
            out.printf("  threads        OMP_NUM_THREADS=%s MXNET_ENGINE_TYPE=%s cores=%d%n", System.getenv("OMP_NUM_THREADS"),
                    System.getenv("MXNET_ENGINE_TYPE"), Runtime.getRuntime().availableProcessors());
        } finally {
            ValidateCommand.deleteRecursively(scratch);
        }
        return Main.OK;
    }

    /** VmHWM of this process (Linux), 0 where unavailable. */
    static long peakRssKiB() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
