package contrastlab.runtime.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import com.google.inject.Inject;
import com.google.inject.name.Named;
import contrastlab.api.augment.Augmentation;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.backbone.InputTransform;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import contrastlab.api.evaluate.EvaluationContext;
import contrastlab.api.evaluate.FeatureSet;
import contrastlab.api.method.LossResult;
import contrastlab.api.method.Method;
import contrastlab.api.sampler.Sampler;
import contrastlab.api.util.Seeds;
import contrastlab.runtime.device.DeviceSelection;
import contrastlab.runtime.recipe.Recipe;
import contrastlab.runtime.recipe.RecipeException;
import contrastlab.runtime.run.Checkpoint;
import contrastlab.runtime.run.MetricsLog;
import contrastlab.runtime.run.Plots;
import contrastlab.runtime.run.ProcessMemory;
import contrastlab.runtime.run.RunDirectory;
import contrastlab.runtime.run.Summary;
import contrastlab.runtime.run.TrainingState;
import contrastlab.runtime.wiring.ActiveEvaluator;
import contrastlab.runtime.wiring.ActivePretext;
import contrastlab.runtime.wiring.Datasets;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run: initialises the model, restores a checkpoint when resuming, and trains epoch by epoch on
 * DJL's {@link ParameterStore} and {@link GradientCollector}, evaluating, logging and checkpointing
 * after each epoch.
 *
 * <p>Each step uses its own {@link NDManager}, closed at the end of the step, so nothing the step
 * creates outlives it. The whole loss (method plus weighted pretext terms) is summed before one
 * backward pass, because the engine overwrites gradients instead of adding them.
 */
public final class TrainingSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingSession.class);

    private final Recipe recipe;
    private final RunDirectory runDirectory;
    private final List<Device> devices;
    private final Backbone backbone;
    private final Method method;
    private final List<ActivePretext> pretext;
    private final Sampler sampler;
    private final List<ActiveEvaluator> evaluators;
    private final ImageDataset train;
    private final List<Augmentation> viewPipelines;
    private final Augmentation evalPipeline;
    private final ImageShape input;
    private final Datasets datasets;
    private final Supplier<Backbone> freshBackbone;
    private final int workers;

    private NDManager manager;
    private TrainingBlock model;
    private ParameterStore parameterStore;
    private StatefulOptimizer optimizer;
    private LearningRateSchedule schedule;
    private final AtomicLong globalStep = new AtomicLong();
    private final MetricsLog metrics = new MetricsLog();
    private int stepsPerEpoch;
    private int startEpoch;
    private double previousWallSeconds;
    private Map<String, String> parameterNames;

    @Inject
    TrainingSession(Recipe recipe, RunDirectory runDirectory, DeviceSelection devices, Backbone backbone, Method method,
            List<ActivePretext> pretext, Sampler sampler, List<ActiveEvaluator> evaluators,
            @Named("train") ImageDataset train, @Named("views") List<Augmentation> viewPipelines,
            @Named("eval") Augmentation evalPipeline, @Named("input") ImageShape input, Datasets datasets,
            @Named("fresh") Supplier<Backbone> freshBackbone) {
        this.recipe = recipe;
        this.runDirectory = runDirectory;
        this.devices = devices.devices();
        this.backbone = backbone;
        this.method = method;
        this.pretext = pretext;
        this.sampler = sampler;
        this.evaluators = evaluators;
        this.train = train;
        this.viewPipelines = viewPipelines;
        this.evalPipeline = evalPipeline;
        this.input = input;
        this.datasets = datasets;
        this.freshBackbone = freshBackbone;
        int cores = Runtime.getRuntime().availableProcessors();
        this.workers = recipe.data().workers() > 0 ? recipe.data().workers() : cores;
        requireKnownTaps(evaluators, method.featureTaps().keySet());
        if (recipe.batchSize() % this.devices.size() != 0) {
            throw new IllegalArgumentException("batchSize " + recipe.batchSize() + " is not divisible by the "
                    + this.devices.size() + " devices; pick a multiple");
        }
    }

    /** Fails before any training when an evaluator reads a feature tap the method does not have. */
    static void requireKnownTaps(List<ActiveEvaluator> evaluators, Set<String> taps) {
        for (ActiveEvaluator e : evaluators) {
            for (String tap : e.evaluator().featureTaps()) {
                if (!taps.contains(tap)) {
                    TreeSet<String> known = new TreeSet<>(taps);
                    known.add(EvaluationContext.BACKBONE);
                    throw new RecipeException("evaluator '" + e.name() + "': features '" + tap + "' is not a tap of "
                            + "this recipe's method; set its features to one of: " + String.join(", ", known));
                }
            }
        }
    }

    /** Initialises parameters (seeded), the optimizer and the parameter store. */
    public void open() {
        Engine engine = Engine.getInstance();
        engine.setRandomSeed((int) Seeds.derive(recipe.seed(), 0x1417));
        manager = NDManager.newBaseManager(devices.get(0));
        List<Block> pretextBlocks = pretext.stream().map(p -> p.task().block()).toList();
        model = new TrainingBlock(backbone.block(), method.block(), pretextBlocks);
        backbone.block().initialize(manager, DataType.FLOAT32,
                new Shape(1, input.channels(), input.height(), input.width()));
        method.initialize(manager, DataType.FLOAT32);
        pretext.forEach(p -> p.task().initialize(manager, DataType.FLOAT32));
        parameterNames = new HashMap<>();
        model.getParameters().forEach(p -> parameterNames.put(p.getValue().getId(), p.getKey()));

        int available = sampler.batches(0).size();
        stepsPerEpoch = recipe.stepsPerEpoch() > 0 ? Math.min(recipe.stepsPerEpoch(), available) : available;
        if (stepsPerEpoch == 0) {
            throw new IllegalArgumentException("the sampler made no batch of " + recipe.batchSize() + " from "
                    + train.size() + " images; lower batchSize");
        }
        schedule = new LearningRateSchedule(recipe.schedule(), recipe.optimizer().lr(), stepsPerEpoch);
        optimizer = StatefulOptimizer.create(recipe.optimizer(), () -> schedule.at(globalStep.get()), manager);
        parameterStore = new ParameterStore(manager, false);
        parameterStore.setParameterServer(new LocalParameterServer(optimizer), devices.toArray(Device[]::new));
    }

    /** Number of trainable parameter values (backbone, heads). */
    public long trainableParameterCount() {
        long count = 0;
        for (var p : model.getParameters()) {
            if (p.getValue().requiresGradient()) {
                count += p.getValue().getArray().getShape().size();
            }
        }
        return count;
    }

    /** Restores the last checkpoint of the run directory. */
    public void resume() throws IOException {
        Path file = runDirectory.checkpoints().resolve(Checkpoint.LAST);
        if (!Files.exists(file)) {
            throw new IOException("nothing to resume in " + runDirectory.path() + ": no checkpoints/" + Checkpoint.LAST
                    + "; start the run without --resume");
        }
        Checkpoint.Contents contents = Checkpoint.read(file, model, manager);
        TrainingState state = contents.state();
        Map<String, String> idsByName = new HashMap<>();
        parameterNames.forEach((id, name) -> idsByName.put(name, id));
        List<String> names = new ArrayList<>();
        ai.djl.ndarray.NDList arrays = new ai.djl.ndarray.NDList();
        contents.optimizer().forEach((key, array) -> {
            int hash = key.lastIndexOf('#');
            names.add(idsByName.get(key.substring(0, hash)) + key.substring(hash));
            arrays.add(array);
        });
        Map<String, Long> steps = new HashMap<>();
        state.optimizerSteps().forEach((name, count) -> steps.put(idsByName.get(name), count));
        optimizer.restore(new StatefulOptimizer.Snapshot(names, arrays, steps), devices);
        Map<String, NDArray> methodState = method.state();
        contents.methodState().forEach((key, saved) -> {
            NDArray target = methodState.get(key);
            if (target == null) {
                throw new IllegalStateException("checkpoint has method state '" + key + "' the method does not know");
            }
            saved.copyTo(target);
        });
        metrics.replaceAll(state.metrics());
        startEpoch = state.epochsCompleted();
        globalStep.set(state.globalStep());
        previousWallSeconds = state.wallSeconds();
        LOG.info("resumed {} at epoch {} (step {})", runDirectory.path(), startEpoch, globalStep.get());
    }

    /** Trains the remaining epochs and writes {@code summary.json}. */
    public Summary train(Progress progress) throws IOException {
        double wall = trainEpochs(recipe.epochs(), progress);
        Summary summary = Summary.of(recipe, metrics, wall, devices, trainableParameterCount());
        summary.write(runDirectory.summary());
        return summary;
    }

    /**
     * Trains from the current epoch up to (excluding) {@code stopEpoch}, checkpointing after each;
     * stopping early is what an interrupted run looks like. Returns the total wall time.
     */
    public double trainEpochs(int stopEpoch, Progress progress) throws IOException {
        long started = System.nanoTime();
        int epochs = recipe.epochs();
        try (BatchLoader loader = newLoader()) {
            for (int epoch = startEpoch; epoch < Math.min(stopEpoch, epochs); epoch++) {
                Engine.getInstance().setRandomSeed((int) Seeds.derive(recipe.seed(), 0x5eed, epoch));
                Map<String, Double> row = runEpoch(loader, epoch, progress);
                row.putAll(evaluate(epoch));
                for (ActiveEvaluator e : evaluators) {
                    for (String column : new ArrayList<>(row.keySet())) {
                        if (column.startsWith(e.name() + ".") && !column.endsWith(".best")) {
                            double best = Math.max(row.get(column), metrics.best(column).orElse(Double.NEGATIVE_INFINITY));
                            row.put(column + ".best", best);
                        }
                    }
                }
                boolean improved = !recipe.primaryMetric().isEmpty() && row.containsKey(recipe.primaryMetric())
                        && row.get(recipe.primaryMetric()) > metrics.best(recipe.primaryMetric()).orElse(Double.NEGATIVE_INFINITY);
                metrics.add(row);
                double wall = previousWallSeconds + (System.nanoTime() - started) / 1e9;
                saveEpoch(epoch, wall, improved);
                progress.epochDone(epoch, epochs, row);
                startEpoch = epoch + 1;
            }
        }
        return previousWallSeconds + (System.nanoTime() - started) / 1e9;
    }

    private Map<String, Double> runEpoch(BatchLoader loader, int epoch, Progress progress) {
        List<int[]> batches = sampler.batches(epoch);
        if (batches.size() > stepsPerEpoch) {
            batches = batches.subList(0, stepsPerEpoch);
        }
        Progress.Epoch bar = progress.startEpoch(epoch, recipe.epochs(), batches.size());
        double lossSum = 0;
        Map<String, Double> monitorSums = new TreeMap<>();
        long images = 0;
        double dataWait = 0;
        double lr = 0;
        long epochStart = System.nanoTime();
        Iterator<PreparedBatch> it = loader.iterate(epoch, batches);
        int done = 0;
        while (it.hasNext()) {
            long waitStart = System.nanoTime();
            PreparedBatch batch = it.next();
            dataWait += (System.nanoTime() - waitStart) / 1e9;
            lr = schedule.at(globalStep.get());
            StepOutcome outcome = step(batch, epoch, true);
            if (!Double.isFinite(outcome.loss())) {
                throw new TrainingDivergedException("loss became " + outcome.loss() + " at epoch " + (epoch + 1)
                        + ", step " + globalStep.get() + "; lower optimizer.lr or check the data normalisation");
            }
            lossSum += outcome.loss();
            outcome.parts().forEach((k, v) -> monitorSums.merge(k, v, Double::sum));
            images += (long) batch.size() * batch.views().size();
            done++;
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            bar.step(lossSum / done, images / seconds);
        }
        bar.close();
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("epoch", (double) (epoch + 1));
        row.put("step", (double) globalStep.get());
        row.put("lr", lr);
        row.put("loss", lossSum / done);
        final int steps = done;
        monitorSums.forEach((k, v) -> row.put(k, v / steps));
        row.put("img_per_s", images / seconds);
        row.put("data_wait_s", dataWait);
        row.put("epoch_s", seconds);
        row.put("rss_mib", ProcessMemory.residentKiB() / 1024.0);
        sampler.epochMetrics(epoch).forEach((k, v) -> row.put("sampler." + k, v));
        return row;
    }

    /** A step's loss and its parts (method monitors, pretext losses). */
    public record StepOutcome(double loss, Map<String, Double> parts) {}

    /**
     * One step on a prepared batch: forward and backward inside a gradient collector, then (when
     * {@code update}) the optimizer and the method's post-step hook outside it.
     */
    public StepOutcome step(PreparedBatch batch, int epoch, boolean update) {
        try (NDManager stepManager = manager.newSubManager()) {
            List<NDArray> views = new ArrayList<>();
            for (int v = 0; v < batch.views().size(); v++) {
                views.add(toArray(stepManager, batch.views().get(v), batch.size(), batch.viewShapes().get(v)));
            }
            Optional<NDArray> labels = train.hasLabels() ? Optional.of(stepManager.create(batch.labels())) : Optional.empty();
            TrainingStep context = new TrainingStep(stepManager, views, labels, backbone.block(), parameterStore, devices,
                    true, epoch, globalStep.get());
            Map<String, NDArray> parts = new LinkedHashMap<>();
            NDArray total;
            long t0 = System.nanoTime();
            long t1;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                LossResult result = method.loss(context);
                total = result.loss();
                parts.putAll(result.monitors());
                for (int t = 0; t < pretext.size(); t++) {
                    ActivePretext task = pretext.get(t);
                    double weight = task.weightAt(epoch);
                    PreparedBatch.PretextInputs inputs = batch.pretext().get(t);
                    NDArray images = toArray(stepManager, inputs.images(), inputs.count(), inputs.shape());
                    NDArray taskLoss = task.task().loss(context, images, stepManager.create(inputs.labels()));
                    parts.put(task.name() + "_loss", taskLoss);
                    // the term stays in the graph at weight 0 so the head's gradients are fresh (zero), not stale
                    total = total.add(taskLoss.mul((float) weight));
                }
                t1 = System.nanoTime();
                collector.backward(total);
            }
            long t2 = System.nanoTime();
            if (update) {
                parameterStore.updateAllParameters();
                method.afterStep(context.afterUpdate());
                globalStep.incrementAndGet();
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("step {}: forward+loss {} ms, backward {} ms, update {} ms", globalStep.get(),
                        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
            }
            Map<String, Double> values = new LinkedHashMap<>();
            parts.forEach((k, v) -> values.put(k, (double) v.getFloat()));
            return new StepOutcome(total.getFloat(), values);
        }
    }

    /**
     * The backbone alone over every view of a prepared batch, in inference mode and outside any
     * gradient collector (for {@code contrastlab bench}); returns the number of images encoded.
     */
    public int encodeViews(PreparedBatch batch) {
        try (NDManager stepManager = manager.newSubManager()) {
            int images = 0;
            for (int v = 0; v < batch.views().size(); v++) {
                NDArray x = toArray(stepManager, batch.views().get(v), batch.size(), batch.viewShapes().get(v));
                NDArray features = backbone.block().forward(parameterStore, new NDList(x), false).head();
                // reading one value waits for an asynchronous engine to finish the pass
                features.sum().getFloat();
                images += batch.size();
            }
            return images;
        }
    }

    private static NDArray toArray(NDManager manager, float[] data, int count, ImageShape shape) {
        return manager.create(FloatBuffer.wrap(data), new Shape(count, shape.channels(), shape.height(), shape.width()));
    }

    /** Runs the evaluators due after {@code epoch}; their metrics are prefixed with their names. */
    public Map<String, Double> evaluate(int epoch) throws IOException {
        return evaluate(epoch, evaluators.stream().filter(e -> e.runsAfter(epoch, recipe.epochs())).toList());
    }

    /**
     * Runs the evaluators of the recipe's {@code evaluate} stage ({@code everyEpochs: 0}) on the current
     * weights, as after the last epoch; their metrics are prefixed with their names.
     */
    public Map<String, Double> evaluateAfterTraining() throws IOException {
        return evaluate(recipe.epochs() - 1, evaluators.stream().filter(ActiveEvaluator::afterTraining).toList());
    }

    private Map<String, Double> evaluate(int epoch, List<ActiveEvaluator> due) throws IOException {
        Map<String, Double> results = new LinkedHashMap<>();
        if (due.isEmpty()) {
            return results;
        }
        long start = System.nanoTime();
        try (NDManager evalManager = manager.newSubManager()) {
            FeatureExtractor extractor = new FeatureExtractor(backbone.block(), parameterStore, evalManager, evalPipeline,
                    recipe.seed(), workers, workerTransform());
            EvaluationContext context = new EvaluationRound(evalManager, extractor, datasets, evalPipeline, backbone,
                    freshBackbone, input, method.featureTaps(), parameterStore, recipe.seed(), epoch);
            for (ActiveEvaluator evaluator : due) {
                evaluator.evaluator().evaluate(context).forEach((k, v) -> results.put(evaluator.name() + "." + k, v));
            }
        }
        results.put("eval_s", (System.nanoTime() - start) / 1e9);
        return results;
    }

    private void saveEpoch(int epoch, double wallSeconds, boolean improved) throws IOException {
        metrics.write(runDirectory.metrics());
        List<String> accuracyColumns = metrics.columns().stream()
                .filter(c -> evaluators.stream().anyMatch(e -> c.startsWith(e.name() + ".")) && !c.endsWith(".best"))
                .toList();
        Plots.write(runDirectory.plots(), metrics.rows(), accuracyColumns);
        StatefulOptimizer.Snapshot snapshot = optimizer.snapshot();
        Map<String, NDArray> optimizerState = new LinkedHashMap<>();
        for (int i = 0; i < snapshot.names().size(); i++) {
            String key = snapshot.names().get(i);
            int hash = key.lastIndexOf('#');
            optimizerState.put(parameterNames.get(key.substring(0, hash)) + key.substring(hash), snapshot.arrays().get(i));
        }
        Map<String, Long> steps = new TreeMap<>();
        snapshot.steps().forEach((id, count) -> steps.put(parameterNames.get(id), count));
        TrainingState state = new TrainingState(epoch + 1, globalStep.get(), wallSeconds, metrics.rows(), steps);
        Path last = runDirectory.checkpoints().resolve(Checkpoint.LAST);
        Checkpoint.write(last, state, model, optimizerState, method.state());
        if (improved) {
            RunDirectory.writeAtomically(runDirectory.checkpoints().resolve(Checkpoint.BEST),
                    out -> Files.copy(last, out));
        }
    }

    /**
     * A loader over the training split with the recipe's views, workers and prefetch; it runs the
     * backbone's input transform when {@link #workerTransform()} says so.
     */
    public BatchLoader newLoader() {
        return newLoader(workerTransform());
    }

    /** As {@link #newLoader()}, with the given transform on the workers (empty: raw augmented images). */
    public BatchLoader newLoader(Optional<InputTransform> transform) {
        return new BatchLoader(train, viewPipelines, pretext.stream().map(ActivePretext::task).toList(), recipe.seed(),
                recipe.data().sharedDraws(), transform, workers, recipe.data().prefetch());
    }

    /** The backbone's fixed input transform, wherever it runs. */
    public Optional<InputTransform> backboneInputTransform() {
        return backbone.inputTransform();
    }

    /** The backbone's input transform when {@code data.inputTransform} puts it on the data workers. */
    public Optional<InputTransform> workerTransform() {
        return backbone.inputTransform().filter(t -> recipe.data().inputTransformOnWorkers(devices.get(0), t));
    }

    /** The first batch of epoch 0, prepared on the calling thread. */
    public PreparedBatch firstBatch() throws IOException {
        try (BatchLoader loader = newLoader()) {
            return loader.prepare(0, sampler.batches(0).get(0));
        }
    }

    /** The sampler's batches for an epoch. */
    public List<int[]> batches(int epoch) {
        return sampler.batches(epoch);
    }

    public int trainSize() {
        return train.size();
    }

    /** Loads only the parameters of a checkpoint (for evaluation); returns its completed epochs. */
    public int loadParameters(Path checkpoint) throws IOException {
        Checkpoint.Contents contents = Checkpoint.read(checkpoint, model, manager);
        contents.optimizer().values().forEach(NDArray::close);
        contents.methodState().values().forEach(NDArray::close);
        return contents.state().epochsCompleted();
    }

    public Block model() {
        return model;
    }

    public ParameterStore parameterStore() {
        return parameterStore;
    }

    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    public int workers() {
        return workers;
    }

    public List<Parameter> parameters() {
        return model.getParameters().values();
    }

    @Override
    public void close() {
        if (manager != null) {
            manager.close();
        }
    }
}
