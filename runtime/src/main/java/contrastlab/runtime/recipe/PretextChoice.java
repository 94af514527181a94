package contrastlab.runtime.recipe;

/**
 * A pretext section: its loss enters the total as {@code weight * loss} from epoch
 * {@code warmupEpochs} on (λ = 0 before).
 */
public record PretextChoice(PluginChoice<?> choice, double weight, int warmupEpochs) {}
