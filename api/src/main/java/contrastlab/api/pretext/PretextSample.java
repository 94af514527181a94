package contrastlab.api.pretext;

import contrastlab.api.augment.Image;
import java.util.List;

/**
 * The extra inputs a pretext task makes from one image, and their labels.
 *
 * @param inputs images of one shape, stacked by the runtime into the step's pretext batch
 * @param labels the targets for these inputs (as many as the task's loss expects per image)
 */
public record PretextSample(List<Image> inputs, int[] labels) {

    public PretextSample {
        inputs = List.copyOf(inputs);
        labels = labels.clone();
    }
}
