package contrastlab.runtime.recipe;

/**
 * A pretext section: its loss enters the total as {@code weight * loss} from epoch
 * {@code warmupEpochs} on (λ = 0 before). The defaults are ScatSimCLR's paper (λ = 0.3 after 40
 * epochs at 0); its code applies 0.3 from the first epoch, which is {@code warmupEpochs: 0}.
 */
public record PretextChoice(PluginChoice<?> choice, double weight, int warmupEpochs) {

    public static final double DEFAULT_WEIGHT = 0.3;
    public static final int DEFAULT_WARMUP_EPOCHS = 40;
}
