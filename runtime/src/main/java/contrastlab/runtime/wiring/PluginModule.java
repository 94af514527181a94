package contrastlab.runtime.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import contrastlab.api.augment.AugmentationPlugin;
import contrastlab.api.backbone.BackbonePlugin;
import contrastlab.api.dataset.DatasetPlugin;
import contrastlab.api.evaluate.EvaluatorPlugin;
import contrastlab.api.method.MethodPlugin;
import contrastlab.api.plugin.Plugin;
import contrastlab.api.plugin.PluginKind;
import contrastlab.api.pretext.PretextPlugin;
import contrastlab.api.sampler.SamplerPlugin;
import contrastlab.api.stage.StagePlugin;
import contrastlab.runtime.plugin.PluginRegistry;

/** Registers every discovered plugin in a name-keyed {@link MapBinder} of its kind. */
public final class PluginModule extends AbstractModule {

    private final PluginRegistry registry;

    public PluginModule(PluginRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void configure() {
        bind(PluginRegistry.class).toInstance(registry);
        register(PluginKind.DATASET, new TypeLiteral<DatasetPlugin<?>>() {});
        register(PluginKind.AUGMENTATION, new TypeLiteral<AugmentationPlugin<?>>() {});
        register(PluginKind.BACKBONE, new TypeLiteral<BackbonePlugin<?>>() {});
        register(PluginKind.METHOD, new TypeLiteral<MethodPlugin<?>>() {});
        register(PluginKind.PRETEXT, new TypeLiteral<PretextPlugin<?>>() {});
        register(PluginKind.SAMPLER, new TypeLiteral<SamplerPlugin<?>>() {});
        register(PluginKind.EVALUATOR, new TypeLiteral<EvaluatorPlugin<?>>() {});
        register(PluginKind.STAGE, new TypeLiteral<StagePlugin<?>>() {});
    }

    @SuppressWarnings("unchecked")
    private <T extends Plugin<?>> void register(PluginKind kind, TypeLiteral<T> type) {
        MapBinder<String, T> binder = MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), type);
        registry.plugins(kind).forEach((name, plugin) -> binder.addBinding(name).toInstance((T) plugin));
    }
}
