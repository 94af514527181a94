package contrastlab.api.stage;

import ai.djl.ndarray.NDManager;
import contrastlab.api.dataset.ImageDataset;
import java.io.IOException;
import java.nio.file.Path;

/** What a stage works with. */
public interface StageContext {

    /** The recipe's training split (the one {@code pretrain} trains on). */
    ImageDataset train();

    /** Any split of the recipe's dataset, e.g. {@code "test"}. */
    ImageDataset split(String name) throws IOException;

    /** A manager on the run's first device, closed when the stage ends. */
    NDManager manager();

    /** The run's seed; derive every random draw of the stage from it. */
    long seed();

    /** The recipe's {@code batchSize} (G-SimCLR's default number of clusters). */
    int batchSize();

    /** Threads the stage may use for CPU work. */
    int workers();

    /**
     * This stage's directory: its outputs, and any checkpoint it keeps so that a re-run can resume it.
     * It survives an interrupted run and is emptied when the stage's resolved section changes.
     */
    Path directory();

    /** Outputs of the stages that ran before this one. */
    StageOutputs outputs();

    /** A progress line for the user (the runtime prefixes the stage's name). */
    void log(String line);
}
