package contrastlab.api.plugin;

import contrastlab.api.augment.AugmentationPlugin;
import contrastlab.api.backbone.BackbonePlugin;
import contrastlab.api.dataset.DatasetPlugin;
import contrastlab.api.evaluate.EvaluatorPlugin;
import contrastlab.api.method.MethodPlugin;
import contrastlab.api.pretext.PretextPlugin;
import contrastlab.api.sampler.SamplerPlugin;
import contrastlab.api.stage.StagePlugin;

/** The plugin kinds; each is discovered through its own {@code META-INF/services} file. */
public enum PluginKind {
    DATASET("dataset", DatasetPlugin.class),
    AUGMENTATION("augmentation", AugmentationPlugin.class),
    BACKBONE("backbone", BackbonePlugin.class),
    METHOD("method", MethodPlugin.class),
    PRETEXT("pretext", PretextPlugin.class),
    SAMPLER("sampler", SamplerPlugin.class),
    EVALUATOR("evaluator", EvaluatorPlugin.class),
    STAGE("stage", StagePlugin.class);

    private final String label;
    private final Class<? extends Plugin<?>> contract;

    @SuppressWarnings({"unchecked", "rawtypes"})
    PluginKind(String label, Class<? extends Plugin> contract) {
        this.label = label;
        this.contract = (Class<? extends Plugin<?>>) contract;
    }

    /** The kind's name as a recipe and the CLI spell it. */
    public String label() {
        return label;
    }

    /** The service interface a plugin of this kind implements. */
    public Class<? extends Plugin<?>> contract() {
        return contract;
    }
}
