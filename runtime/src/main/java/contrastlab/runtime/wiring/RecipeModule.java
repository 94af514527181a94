package contrastlab.runtime.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.AugmentationPlugin;
import contrastlab.api.augment.CompositeAugmentationPlugin;
import contrastlab.api.augment.Image;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.backbone.BackbonePlugin;
import contrastlab.api.dataset.DatasetPlugin;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import contrastlab.api.evaluate.EvaluatorPlugin;
import contrastlab.api.method.Method;
import contrastlab.api.method.MethodContext;
import contrastlab.api.method.MethodPlugin;
import contrastlab.api.pretext.PretextPlugin;
import contrastlab.api.sampler.Sampler;
import contrastlab.api.sampler.SamplerContext;
import contrastlab.api.sampler.SamplerPlugin;
import contrastlab.api.stage.StageException;
import contrastlab.api.stage.StageOutputs;
import contrastlab.api.util.Seeds;
import contrastlab.runtime.device.DeviceSelection;
import contrastlab.runtime.recipe.EvaluatorChoice;
import contrastlab.runtime.recipe.PluginChoice;
import contrastlab.runtime.recipe.PretextChoice;
import contrastlab.runtime.recipe.Recipe;
import contrastlab.runtime.recipe.RecipeException;
import contrastlab.runtime.run.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Binds the recipe's choices to the roles the training loop injects. Plugins are looked up in the
 * {@link PluginModule}'s maps by the recipe's names, built with their bound parameters, and receive
 * what they depend on (the backbone's feature size, the input shape) from here.
 */
public final class RecipeModule extends AbstractModule {

    private static final String RANDOM_SAMPLER = "random";

    private final Recipe recipe;
    private final RunDirectory runDirectory;
    private final DeviceSelection devices;
    private final StageOutputs stages;

    /** A single-stage run: samplers see no stage outputs. */
    public RecipeModule(Recipe recipe, RunDirectory runDirectory, DeviceSelection devices) {
        this(recipe, runDirectory, devices, StageOutputs.NONE);
    }

    /**
     * @param stages the outputs of the stages before pretrain, read by the sampler when it is created
     *     (a {@link PendingStages} when no stage runs, as in {@code validate})
     */
    public RecipeModule(Recipe recipe, RunDirectory runDirectory, DeviceSelection devices, StageOutputs stages) {
        this.recipe = recipe;
        this.runDirectory = runDirectory;
        this.devices = devices;
        this.stages = stages;
    }

    @Override
    protected void configure() {
        bind(Recipe.class).toInstance(recipe);
        bind(RunDirectory.class).toInstance(runDirectory);
        bind(DeviceSelection.class).toInstance(devices);
        bind(StageOutputs.class).toInstance(stages);
    }

    @Provides
    @Singleton
    Datasets datasets(Map<String, DatasetPlugin<?>> plugins) {
        PluginChoice<?> choice = recipe.dataset().choice();
        return new Datasets(plugins.get(choice.name()), choice);
    }

    @Provides
    @Singleton
    @Named("train")
    ImageDataset trainSet(Datasets datasets) {
        try {
            ImageDataset train = datasets.split(recipe.dataset().split());
            if (train.size() < recipe.batchSize()) {
                throw new RecipeException("dataset split '" + recipe.dataset().split() + "' has " + train.size()
                        + " images, fewer than batchSize " + recipe.batchSize() + "; lower batchSize");
            }
            return train;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** One pipeline per view: the recipe's {@code augment} steps, or each view's own under {@code augment.views}. */
    @Provides
    @Singleton
    @Named("views")
    List<Augmentation> viewPipelines(Map<String, AugmentationPlugin<?>> plugins) {
        List<Augmentation> pipelines = new ArrayList<>();
        for (List<PluginChoice<?>> steps : recipe.viewAugment()) {
            pipelines.add(pipeline(plugins, steps));
        }
        return List.copyOf(pipelines);
    }

    @Provides
    @Singleton
    @Named("eval")
    Augmentation evalPipeline(Map<String, AugmentationPlugin<?>> plugins) {
        return pipeline(plugins, recipe.evalAugment());
    }

    /** The shape of an augmented view, found by augmenting the first training image. */
    @Provides
    @Singleton
    @Named("input")
    ImageShape inputShape(@Named("train") ImageDataset train, @Named("views") List<Augmentation> views) {
        byte[] raw = new byte[train.shape().size()];
        train.readImage(0, raw);
        return views.get(0).apply(Image.fromBytes(train.shape(), raw), Seeds.random(recipe.seed(), -1)).shape();
    }

    @Provides
    @Singleton
    Backbone backbone(Map<String, BackbonePlugin<?>> plugins, @Named("input") ImageShape input) {
        return createBackbone(plugins.get(recipe.backbone().name()), recipe.backbone().parameters(), input);
    }

    /** A new, uninitialised backbone of the recipe at each call: evaluators fine-tune such copies. */
    @Provides
    @Named("fresh")
    Supplier<Backbone> freshBackbone(Map<String, BackbonePlugin<?>> plugins, @Named("input") ImageShape input) {
        BackbonePlugin<?> plugin = plugins.get(recipe.backbone().name());
        return () -> createBackbone(plugin, recipe.backbone().parameters(), input);
    }

    @Provides
    @Singleton
    Method method(Map<String, MethodPlugin<?>> plugins, Map<String, BackbonePlugin<?>> backbones, Backbone backbone,
            @Named("input") ImageShape input, @Named("train") ImageDataset train) {
        MethodPlugin<?> plugin = plugins.get(recipe.method().name());
        if (needsLabels(plugin, recipe.method().parameters()) && !train.hasLabels()) {
            throw new RecipeException("method '" + plugin.name() + "' needs labels but dataset split '"
                    + recipe.dataset().split() + "' has none; pick a labelled split or a self-supervised method");
        }
        BackbonePlugin<?> backbonePlugin = backbones.get(recipe.backbone().name());
        MethodContext context = new MethodContext(backbone, recipe.views(), recipe.batchSize(),
                train.numClasses(), input, () -> createBackbone(backbonePlugin, recipe.backbone().parameters(), input));
        return createMethod(plugin, recipe.method().parameters(), context);
    }

    @Provides
    @Singleton
    List<ActivePretext> pretext(Map<String, PretextPlugin<?>> plugins, Backbone backbone) {
        List<ActivePretext> tasks = new ArrayList<>();
        for (PretextChoice choice : recipe.pretext()) {
            PretextPlugin<?> plugin = plugins.get(choice.choice().name());
            tasks.add(new ActivePretext(plugin.name(), createPretext(plugin, choice.choice().parameters(), backbone.featureDim()),
                    choice.weight(), choice.warmupEpochs()));
        }
        return List.copyOf(tasks);
    }

    @Provides
    @Singleton
    Sampler sampler(Map<String, SamplerPlugin<?>> plugins, @Named("train") ImageDataset train) {
        SamplerPlugin<?> plugin = plugins.get(recipe.sampler().name());
        SamplerContext context = new SamplerContext(train, recipe.batchSize(), recipe.seed(), stages);
        if (!(stages instanceof PendingStages pending)) {
            return createSampler(plugin, recipe.sampler().parameters(), context);
        }
        try {
            Sampler sampler = createSampler(plugin, recipe.sampler().parameters(), context);
            sampler.batches(0); // a sampler may read the stage outputs lazily
            return sampler;
        } catch (StageException e) {
            if (pending.requested().isEmpty()) {
                throw e;
            }
            // validate and bench run no stage: the batch comes from the random sampler instead
            SamplerPlugin<?> random = plugins.get(RANDOM_SAMPLER);
            pending.fellBack("sampler '" + plugin.name() + "' reads the output of stage '" + pending.requested().get()
                    + "', which is produced only by train; this command's batches come from the random sampler");
            return createSampler(random, random.defaults(), new SamplerContext(train, recipe.batchSize(), recipe.seed()));
        }
    }

    @Provides
    @Singleton
    List<ActiveEvaluator> evaluators(Map<String, EvaluatorPlugin<?>> plugins) {
        List<ActiveEvaluator> evaluators = new ArrayList<>();
        for (EvaluatorChoice choice : recipe.evaluate()) {
            EvaluatorPlugin<?> plugin = plugins.get(choice.choice().name());
            evaluators.add(new ActiveEvaluator(choice.name(), choice.everyEpochs(),
                    createEvaluator(plugin, choice.choice().parameters()),
                    recipe.evaluateStage() && choice.everyEpochs() == 0));
        }
        return List.copyOf(evaluators);
    }

    static Augmentation pipeline(Map<String, AugmentationPlugin<?>> plugins, List<PluginChoice<?>> steps) {
        return Augmentation.chain(steps.stream().map(step -> build(plugins, step)).toList());
    }

    private static Augmentation build(Map<String, AugmentationPlugin<?>> plugins, PluginChoice<?> step) {
        AugmentationPlugin<?> plugin = plugins.get(step.name());
        if (plugin instanceof CompositeAugmentationPlugin<?> composite) {
            List<Augmentation> inner = step.steps().stream().map(s -> build(plugins, s)).toList();
            return createComposite(composite, step.parameters(), inner);
        }
        return createAugmentation(plugin, step.parameters());
    }

    // Each helper captures the plugin's parameter type so the bound record is passed type-safely.

    private static <P> Augmentation createAugmentation(AugmentationPlugin<P> plugin, Object parameters) {
        return plugin.create(plugin.parametersType().cast(parameters));
    }

    private static <P> Augmentation createComposite(CompositeAugmentationPlugin<P> plugin, Object parameters,
            List<Augmentation> steps) {
        return plugin.create(plugin.parametersType().cast(parameters), steps);
    }

    static <P> Backbone createBackbone(BackbonePlugin<P> plugin, Object parameters, ImageShape input) {
        return plugin.create(plugin.parametersType().cast(parameters), input);
    }

    private static <P> Method createMethod(MethodPlugin<P> plugin, Object parameters, MethodContext context) {
        return plugin.create(plugin.parametersType().cast(parameters), context);
    }

    private static <P> boolean needsLabels(MethodPlugin<P> plugin, Object parameters) {
        return plugin.needsLabels(plugin.parametersType().cast(parameters));
    }

    private static <P> contrastlab.api.pretext.PretextTask createPretext(PretextPlugin<P> plugin, Object parameters, int featureDim) {
        return plugin.create(plugin.parametersType().cast(parameters), featureDim);
    }

    private static <P> Sampler createSampler(SamplerPlugin<P> plugin, Object parameters, SamplerContext context) {
        return plugin.create(plugin.parametersType().cast(parameters), context);
    }

    private static <P> contrastlab.api.evaluate.Evaluator createEvaluator(EvaluatorPlugin<P> plugin, Object parameters) {
        return plugin.create(plugin.parametersType().cast(parameters));
    }
}
