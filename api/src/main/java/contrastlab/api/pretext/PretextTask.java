package contrastlab.api.pretext;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import contrastlab.api.method.StepContext;
import java.util.random.RandomGenerator;

/**
 * An auxiliary supervised task made from the images themselves (rotation, jigsaw). The runtime adds
 * {@code weight * loss} to the method's loss once the task's warm-up is over.
 */
public interface PretextTask {

    /**
     * Makes this image's pretext inputs on a data worker thread.
     *
     * @param original the decoded image before any augmentation
     * @param viewPipeline the first view's augmentation pipeline, for tasks that augment their inputs
     */
    PretextSample prepare(Image original, Augmentation viewPipeline, RandomGenerator random);

    /** The task's own head(s), trained with the backbone. */
    Block block();

    /** Initialises {@link #block()}; its input is the backbone's feature vector. */
    void initialize(NDManager manager, DataType dataType);

    /**
     * The task's loss for a step.
     *
     * @param inputs all images' pretext inputs stacked, {@code (N * inputsPerImage, C, H, W)}
     * @param labels all images' labels concatenated
     */
    NDArray loss(StepContext step, NDArray inputs, NDArray labels);
}
