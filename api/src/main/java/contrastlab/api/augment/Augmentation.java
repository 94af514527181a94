package contrastlab.api.augment;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One random transform of one image. All randomness comes from {@code random}, which the runtime
 * derives from (seed, epoch, image index, view), so results do not depend on thread scheduling.
 * Implementations are shared between worker threads and must keep no mutable state.
 */
@FunctionalInterface
public interface Augmentation {

    Image apply(Image image, RandomGenerator random);

    /** This transform followed by {@code next}. */
    default Augmentation andThen(Augmentation next) {
        return (image, random) -> next.apply(apply(image, random), random);
    }

    /**
     * {@code steps} in order, each given the same generator (torchvision's {@code Compose}).
     */
    static Augmentation chain(List<Augmentation> steps) {
        Augmentation chain = identity();
        for (Augmentation step : steps) {
            chain = chain.andThen(step);
        }
        return chain;
    }

    /** The transform that returns its input. */
    static Augmentation identity() {
        return (image, random) -> image;
    }
}
