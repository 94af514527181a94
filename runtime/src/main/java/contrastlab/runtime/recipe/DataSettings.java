package contrastlab.runtime.recipe;

import ai.djl.Device;
import contrastlab.api.backbone.InputTransform;
import java.util.List;

/**
 * The {@code data} section: how batches are prepared.
 *
 * @param workers augmentation threads; 0 picks one per core
 * @param prefetch batches prepared ahead of the training step
 * @param sharedDraws every image of a batch gets the same random draws (per view), as G-SimCLR's
 *     original augments the whole batch tensor at once; off = independent draws per image (SimCLR)
 * @param inputTransform where a backbone's fixed input transform (scatnet's scattering) runs:
 *     {@code workers} = on the data workers, overlapping the step; {@code step} = inside the step's
 *     forward pass; {@code auto} = workers when training on GPUs (the cores are otherwise idle), step
 *     on CPU devices (the step already keeps every core busy, so there is nothing to overlap) and
 *     step as well when the backbone computes the transform on the GPU itself
 *     ({@link InputTransform#computedOnDevice})
 */
public record DataSettings(int workers, int prefetch, boolean sharedDraws, String inputTransform) {

    public static final String AUTO = "auto";
    public static final String WORKERS = "workers";
    public static final String STEP = "step";

    public DataSettings {
        if (workers < 0 || prefetch < 1) {
            throw new IllegalArgumentException("data.workers must be >= 0 and data.prefetch >= 1");
        }
        if (!List.of(AUTO, WORKERS, STEP).contains(inputTransform)) {
            throw new IllegalArgumentException("data.inputTransform must be auto, workers or step; got '" + inputTransform + "'");
        }
    }

    /**
     * Whether {@code transform} runs on the data workers when the step runs on {@code device}:
     * {@code workers} always (its {@link InputTransform#apply}, the same function), {@code step} never,
     * {@code auto} on a GPU unless the backbone computes the transform on that device itself.
     */
    public boolean inputTransformOnWorkers(Device device, InputTransform transform) {
        if (inputTransform.equals(AUTO)) {
            return device.isGpu() && !transform.computedOnDevice(device);
        }
        return inputTransform.equals(WORKERS);
    }

    public static DataSettings defaults() {
        return new DataSettings(0, 4, false, AUTO);
    }
}
