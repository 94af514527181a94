package contrastlab.api.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Optional;

/**
 * One training step as a method sees it. Every array created from {@link #manager()} (or from the
 * views) is released when the step ends.
 */
public interface StepContext {

    /** The step's manager; attach anything you create here. */
    NDManager manager();

    /** One batch {@code (N, C, H, W)} per view. */
    List<NDArray> views();

    /** The batch's labels {@code (N)}, when the dataset has labels. */
    Optional<NDArray> labels();

    /** The backbone's outputs for {@code images}: features first, then any exits. */
    NDList encode(NDArray images);

    /** Runs a block the method owns, with the step's parameters and training mode. */
    NDList forward(Block block, NDList input);

    /** Whether this is a training step (inside a gradient collector). */
    boolean training();

    /** Zero-based epoch. */
    int epoch();

    /** Number of optimizer steps taken before this one. */
    long globalStep();
}
