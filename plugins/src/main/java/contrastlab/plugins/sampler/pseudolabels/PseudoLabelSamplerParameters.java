package contrastlab.plugins.sampler.pseudolabels;

import java.util.List;

/**
 * Parameters of the {@code pseudo-label-stratified} sampler.
 *
 * @param stage the stage whose {@code labels.csv} holds each training image's pseudo-label
 * @param mode {@code stratified}: a fresh seeded order every epoch in which no batch repeats a label
 *     while at least {@code batchSize} labels still have images; {@code reference}: G-SimCLR's fixed
 *     order, the same every epoch
 * @param dropLast drop the last batch of an epoch when it is incomplete (the original drops it)
 */
public record PseudoLabelSamplerParameters(String stage, String mode, boolean dropLast) {

    static final String STRATIFIED = "stratified";
    static final String REFERENCE = "reference";
    static final List<String> MODES = List.of(STRATIFIED, REFERENCE);

    public PseudoLabelSamplerParameters {
        if (stage != null && stage.isBlank()) {
            throw new IllegalArgumentException("sampler 'stage' must name the stage that wrote labels.csv, e.g."
                    + " stage: pseudo-labels");
        }
        if (mode != null && !MODES.contains(mode)) {
            throw new IllegalArgumentException("sampler mode '" + mode + "' is not valid; valid: "
                    + String.join(", ", MODES));
        }
    }
}
