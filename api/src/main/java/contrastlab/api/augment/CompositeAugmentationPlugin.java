package contrastlab.api.augment;

import java.util.List;

/**
 * An augmentation that wraps other steps, like torchvision's {@code RandomApply}: the recipe gives the
 * inner steps as a list under {@link #stepsKey()}, the runtime builds them (with their own plugins and
 * error messages) and hands them over in order.
 */
public interface CompositeAugmentationPlugin<P> extends AugmentationPlugin<P> {

    /** The recipe key holding the inner steps. */
    default String stepsKey() {
        return "transforms";
    }

    /** Builds the wrapper around the already built inner steps, in recipe order. */
    Augmentation create(P parameters, List<Augmentation> steps);

    /** Without inner steps the wrapper wraps nothing. */
    @Override
    default Augmentation create(P parameters) {
        return create(parameters, List.of());
    }
}
