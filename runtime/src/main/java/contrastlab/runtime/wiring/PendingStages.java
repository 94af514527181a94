package contrastlab.runtime.wiring;

import contrastlab.api.stage.StageException;
import contrastlab.api.stage.StageOutputs;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The stage outputs of a command that runs no stage ({@code validate}, {@code bench}): every stage the
 * recipe declares is "not produced yet", and the first one asked for is remembered so that the sampler
 * can fall back to the random sampler (and say so); a name the recipe does not declare is a recipe
 * mistake and fails as in {@code train}.
 */
public final class PendingStages implements StageOutputs {

    private final Set<String> declared;
    private String requested;
    private String fallback;

    public PendingStages(Set<String> declared) {
        this.declared = Set.copyOf(declared);
    }

    @Override
    public Path directory(String name) {
        if (!declared.contains(name)) {
            return StageOutputs.NONE.directory(name);
        }
        if (requested == null) {
            requested = name;
        }
        throw new StageException("stage '" + name + "' has not run: only train runs stages");
    }

    /** The first declared stage a plugin asked for. */
    public Optional<String> requested() {
        return Optional.ofNullable(requested);
    }

    void fellBack(String message) {
        this.fallback = message;
    }

    /** Why the random sampler stands in, when it does. */
    public Optional<String> fallback() {
        return Optional.ofNullable(fallback);
    }
}
