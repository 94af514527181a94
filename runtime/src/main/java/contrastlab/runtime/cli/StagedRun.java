package contrastlab.runtime.cli;

import ai.djl.ndarray.NDManager;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.runtime.device.DeviceSelection;
import contrastlab.runtime.recipe.Recipe;
import contrastlab.runtime.run.Checkpoint;
import contrastlab.runtime.run.RunDirectory;
import contrastlab.runtime.stage.StageRunner;
import contrastlab.runtime.train.Progress;
import contrastlab.runtime.train.TrainingSession;
import contrastlab.runtime.wiring.Datasets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The run a {@link StageRunner} drives for {@code train}: datasets and devices from the run's injector,
 * and one training session, created when pretrain or evaluate first needs it (after the stages before
 * pretrain have finished, since its sampler may read their outputs).
 */
final class StagedRun implements StageRunner.Host, AutoCloseable {

    private final Injector injector;
    private final Recipe recipe;
    private final RunDirectory run;
    private final PrintStream err;
    private final Progress progress;
    private TrainingSession session;
    private boolean trained;

    StagedRun(Injector injector, Recipe recipe, RunDirectory run, PrintStream err, Progress progress) {
        this.injector = injector;
        this.recipe = recipe;
        this.run = run;
        this.err = err;
        this.progress = progress;
    }

    @Override
    public ImageDataset train() {
        return Session.instance(injector, Key.get(ImageDataset.class, Names.named("train")));
    }

    @Override
    public ImageDataset split(String name) throws IOException {
        return Session.instance(injector, Datasets.class).split(name);
    }

    @Override
    public NDManager newManager() {
        return NDManager.newBaseManager(Session.instance(injector, DeviceSelection.class).devices().get(0));
    }

    @Override
    public int workers() {
        return recipe.data().workers() > 0 ? recipe.data().workers() : Runtime.getRuntime().availableProcessors();
    }

    @Override
    public void pretrain(boolean resume) throws IOException {
        TrainingSession s = session();
        if (resume) {
            s.resume();
        }
        s.train(progress);
        trained = true;
    }

    @Override
    public Map<String, Double> evaluate() throws IOException {
        TrainingSession s = session();
        if (!trained) {
            // pretrain finished in an earlier run: its final weights
            Path last = run.checkpoints().resolve(Checkpoint.LAST);
            if (!Files.exists(last)) {
                throw new IOException("stage evaluate: " + last + " is missing though pretrain is marked finished;"
                        + " delete " + StageRunner.directory(run, "pretrain") + " to train again");
            }
            s.loadParameters(last);
        }
        Map<String, Double> metrics = s.evaluateAfterTraining();
        metrics.remove("eval_s");
        return metrics;
    }

    @Override
    public void log(String line) {
        err.println("contrastlab: " + line);
    }

    private TrainingSession session() {
        if (session == null) {
            session = Session.instance(injector, TrainingSession.class);
            session.open();
        }
        return session;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
