package contrastlab.runtime.cli;

import contrastlab.api.backbone.InputTransform;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code contrastlab bench RECIPE [--steps N] [--warmup N]}: training-step throughput on prepared
 * batches (every view counts as an image), the same steps fed live by the data workers (as training
 * runs them), the backbone's inference throughput on raw views, a backbone input transform's
 * throughput on its own, data-pipeline throughput on its own, and peak RSS.
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
            Pipelined pipelined = pipelined(session, epochBatches, steps);
            // the whole backbone on raw views, inference mode: for scatnet with adapter none, the scattering
            boolean onWorkers = session.workerTransform().isPresent();
            Optional<InputTransform> transform = session.backboneInputTransform();
            List<PreparedBatch> raw = onWorkers ? rawBatches(session, prepared) : prepared;
            session.encodeViews(raw.get(0));
            long forwardStart = System.nanoTime();
            long forwardImages = 0;
            for (int i = 0; i < steps; i++) {
                forwardImages += session.encodeViews(raw.get(i % raw.size()));
            }
            double forwardSeconds = (System.nanoTime() - forwardStart) / 1e9;
            PreparedBatch sample = raw.get(0);
            out.printf("bench %s%n", file);
            out.printf("  train step     %8.1f img/s  (%.1f ms/step; batch %d x %d views of %s; %d steps after %d warm-up%s)%n",
                    images / seconds, 1000 * seconds / steps, sample.size(), sample.views().size(),
                    sample.viewShapes().get(0), steps, warmup, onWorkers ? "; input transform done by the data workers" : "");
            out.printf("  pipelined      %8.1f img/s  (%d steps fed live by the data workers, as in training; waited for data "
                    + "%.0f%% of the time)%n", pipelined.imagesPerSecond(), pipelined.steps(), 100 * pipelined.waitFraction());
            out.printf("  backbone forward %6.1f img/s  (inference, no gradient collector, raw views%s; %d passes)%n",
                    forwardImages / forwardSeconds, transform.isPresent() ? " incl. the input transform" : "", steps);
            if (transform.isPresent()) {
                out.printf("  input transform %7.1f img/s  (%s -> %s alone, %d threads; runs %s)%n",
                        transformRate(transform.get(), raw, session.workers()), transform.get().inputShape(),
                        transform.get().outputShape(), session.workers(),
                        onWorkers ? "on the data workers" : "in the step (data.inputTransform)");
            }
            out.printf("  data pipeline  %8.1f img/s  (%d workers, %.1f img/s per worker%s)%n", dataRate, session.workers(),
                    dataRate / session.workers(), onWorkers ? "; augmentations + input transform" : "");
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

    /** Training throughput with batches prepared concurrently by the loader, as {@code train} runs. */
    private record Pipelined(double imagesPerSecond, int steps, double waitFraction) {}

    private static Pipelined pipelined(TrainingSession session, List<int[]> epochBatches, int steps) {
        List<int[]> order = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            order.add(epochBatches.get(i % epochBatches.size()));
        }
        long images = 0;
        double waited = 0;
        try (BatchLoader loader = session.newLoader()) {
            long start = System.nanoTime();
            Iterator<PreparedBatch> it = loader.iterate(1, order);
            while (it.hasNext()) {
                long waitStart = System.nanoTime();
                PreparedBatch batch = it.next();
                waited += (System.nanoTime() - waitStart) / 1e9;
                session.step(batch, 0, true);
                images += (long) batch.size() * batch.views().size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Pipelined(images / seconds, steps, waited / seconds);
        }
    }

    /** The first batches again without the input transform, for the backbone-forward measurement. */
    private static List<PreparedBatch> rawBatches(TrainingSession session, List<PreparedBatch> prepared)
            throws IOException {
        List<PreparedBatch> raw = new ArrayList<>();
        try (BatchLoader loader = session.newLoader(Optional.empty())) {
            for (PreparedBatch batch : prepared) {
                raw.add(loader.prepare(0, batch.indices()));
            }
        }
        return raw;
    }

    /** Images per second of the input transform over every raw view, one batch view per thread at a time. */
    private static double transformRate(InputTransform transform, List<PreparedBatch> raw, int workers) {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (PreparedBatch batch : raw) {
                for (float[] view : batch.views()) {
                    tasks.add(() -> {
                        transform.apply(view, batch.size());
                        return batch.size();
                    });
                }
            }
            long start = System.nanoTime();
            long images = 0;
            for (Future<Integer> done : pool.invokeAll(tasks)) {
                images += done.get();
            }
            return images / ((System.nanoTime() - start) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing the input transform", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the input transform failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
