package contrastlab.runtime.cli;

import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.recipe.Recipe;
import contrastlab.runtime.run.ProcessMemory;
import contrastlab.runtime.run.RunDirectory;
import contrastlab.runtime.wiring.PendingStages;
import contrastlab.runtime.train.BatchLoader;
import contrastlab.runtime.train.PreparedBatch;
import contrastlab.runtime.train.TrainingSession;
import java.io.IOException;
import java.io.PrintStream;
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
 * batches (every view counts as an image), the backbone's inference throughput on the same batches,
 * data-pipeline throughput on its own, and peak RSS.
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
        PendingStages stages = ValidateCommand.pendingStages(recipe);
        try (TrainingSession session = Session.create(registry, recipe, RunDirectory.at(scratch), err, stages)) {
            stages.fallback().ifPresent(note -> err.println("contrastlab: note: " + note));
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
            long rssAfterWarmup = ProcessMemory.residentKiB();
            StringBuilder rssTrace = new StringBuilder();
            int traceEvery = Math.max(1, steps / 10);
            long start = System.nanoTime();
            long images = 0;
            for (int i = 0; i < steps; i++) {
                PreparedBatch batch = prepared.get(i % prepared.size());
                session.step(batch, 0, true);
                images += (long) batch.size() * batch.views().size();
                if ((i + 1) % traceEvery == 0) {
                    rssTrace.append(String.format(" %d:%.0f", i + 1, ProcessMemory.residentKiB() / 1024.0));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // the backbone alone, inference mode: for scatnet with adapter none, the scattering transform
            session.encodeViews(prepared.get(0));
            long forwardStart = System.nanoTime();
            long forwardImages = 0;
            for (int i = 0; i < steps; i++) {
                forwardImages += session.encodeViews(prepared.get(i % prepared.size()));
            }
            double forwardSeconds = (System.nanoTime() - forwardStart) / 1e9;
            PreparedBatch sample = prepared.get(0);
            out.printf("bench %s%n", file);
            out.printf("  train step     %8.1f img/s  (%.1f ms/step; batch %d x %d views of %s; %d steps after %d warm-up)%n",
                    images / seconds, 1000 * seconds / steps, sample.size(), sample.views().size(),
                    sample.viewShapes().get(0), steps, warmup);
            out.printf("  backbone forward %6.1f img/s  (inference, no gradient collector; %d passes over the views)%n",
                    forwardImages / forwardSeconds, steps);
            out.printf("  data pipeline  %8.1f img/s  (%d workers, %.1f img/s per worker)%n", dataRate, session.workers(),
                    dataRate / session.workers());
            long rssAfterSteps = ProcessMemory.residentKiB();
            out.printf("  peak RSS       %8.1f MiB%n", ProcessMemory.peakKiB() / 1024.0);
            // A leak of per-step arrays shows as RSS that keeps growing over the timed steps.
            out.printf("  RSS growth     %+8.1f MiB  (%.1f MiB after warm-up, %.1f MiB after %d steps)%n",
                    (rssAfterSteps - rssAfterWarmup) / 1024.0, rssAfterWarmup / 1024.0, rssAfterSteps / 1024.0, steps);
            out.printf("  RSS by step   %s MiB%n", rssTrace);
            out.printf("  threads        OMP_NUM_THREADS=%s MXNET_ENGINE_TYPE=%s cores=%d%n", System.getenv("OMP_NUM_THREADS"),
                    System.getenv("MXNET_ENGINE_TYPE"), Runtime.getRuntime().availableProcessors());
        } finally {
            ValidateCommand.deleteRecursively(scratch);
        }
        return Main.OK;
    }
}
