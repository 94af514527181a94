package contrastlab.runtime.cli;

import ai.djl.engine.Engine;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.CreationException;
import contrastlab.api.stage.StageOutputs;
import contrastlab.runtime.device.DeviceSelection;
import contrastlab.runtime.device.GpuProbe;
import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.recipe.Recipe;
import contrastlab.runtime.run.RunDirectory;
import contrastlab.runtime.train.TrainingSession;
import contrastlab.runtime.wiring.PluginModule;
import contrastlab.runtime.wiring.RecipeModule;
import java.io.PrintStream;

/** Builds one injector per run and the session it wires. */
public final class Session {

    private Session() {}

    /** Resolves devices (reporting an unusable GPU on {@code err}) and wires a training session. */
    public static TrainingSession create(PluginRegistry registry, Recipe recipe, RunDirectory runDirectory, PrintStream err) {
        return create(registry, recipe, runDirectory, err, StageOutputs.NONE);
    }

    /** As {@link #create(PluginRegistry, Recipe, RunDirectory, PrintStream)}, the sampler reading {@code stages}. */
    public static TrainingSession create(PluginRegistry registry, Recipe recipe, RunDirectory runDirectory, PrintStream err,
            StageOutputs stages) {
        return instance(injector(registry, recipe, runDirectory, err, stages), TrainingSession.class);
    }

    /** The run's injector; what it provides is built on first use. */
    public static Injector injector(PluginRegistry registry, Recipe recipe, RunDirectory runDirectory, PrintStream err,
            StageOutputs stages) {
        DeviceSelection devices = DeviceSelection.resolve(recipe.devices(), Engine.getInstance().getGpuCount(),
                GpuProbe.nvidiaSmi());
        devices.warning().ifPresent(w -> err.println("contrastlab: warning: " + w));
        return Guice.createInjector(new PluginModule(registry), new RecipeModule(recipe, runDirectory, devices, stages));
    }

    /** An instance from the injector, with what a provider threw unwrapped. */
    public static <T> T instance(Injector injector, Class<T> type) {
        return instance(injector, com.google.inject.Key.get(type));
    }

    public static <T> T instance(Injector injector, com.google.inject.Key<T> key) {
        try {
            return injector.getInstance(key);
        } catch (ProvisionException | CreationException e) {
            throw unwrap(e);
        }
    }

    /** Guice wraps what a provider throws; the cause is what the user must see. */
    static RuntimeException unwrap(RuntimeException e) {
        Throwable t = e;
        while ((t instanceof ProvisionException || t instanceof CreationException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t == e && e instanceof ProvisionException p && !p.getErrorMessages().isEmpty()
                && p.getErrorMessages().iterator().next().getCause() != null) {
            t = p.getErrorMessages().iterator().next().getCause();
        }
        return t instanceof RuntimeException r ? r : new IllegalStateException(t.getMessage(), t);
    }
}
