package contrastlab.api.backbone;

import ai.djl.Device;
import contrastlab.api.dataset.ImageShape;

/**
 * A backbone's fixed first stage: no parameters, no gradient, the same for every step (e.g. a
 * scattering transform). The runtime runs it on its data workers, after the augmentations, so that
 * it overlaps the training step instead of lengthening it, and hands the backbone its output.
 *
 * <p>A backbone that declares one must accept both raw images of {@link #inputShape()} (it applies
 * the transform itself, e.g. for an evaluator that feeds images) and batches of
 * {@link #outputShape()}, which it takes as already transformed.
 */
public interface InputTransform {

    /** The shape of one image this transform takes. */
    ImageShape inputShape();

    /** The shape of one transformed image. */
    ImageShape outputShape();

    /**
     * Transforms {@code count} images stored one after another ({@code count * inputShape().size()}
     * values) into {@code count * outputShape().size()} values. Called from several data workers at
     * once, each on its own batch: it must be thread-safe and should not start threads of its own.
     */
    float[] apply(float[] images, int count);

    /**
     * Whether the backbone, fed raw images on {@code device}, computes this transform there itself
     * (as engine operations, e.g. on a GPU) rather than on the CPU. Where it does, the data workers
     * gain nothing by running {@link #apply} instead, so {@code data.inputTransform: auto} leaves it
     * in the step. False by default: a transform that only exists as {@link #apply} runs on the CPU
     * wherever it is called.
     */
    default boolean computedOnDevice(Device device) {
        return false;
    }
}
