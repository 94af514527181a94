package contrastlab.plugins.sampler.pseudolabels;

import contrastlab.api.sampler.Sampler;
import contrastlab.api.sampler.SamplerContext;
import contrastlab.api.sampler.SamplerPlugin;
import contrastlab.api.stage.Artifacts;
import contrastlab.api.stage.StageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code pseudo-label-stratified} sampler (G-SimCLR): batches whose images have distinct
 * pseudo-labels (an earlier stage's k-means clusters), so that fewer of a batch's negatives are
 * images of the same kind.
 */
public final class PseudoLabelSamplerPlugin implements SamplerPlugin<PseudoLabelSamplerParameters> {

    @Override
    public String name() {
        return "pseudo-label-stratified";
    }

    @Override
    public Class<PseudoLabelSamplerParameters> parametersType() {
        return PseudoLabelSamplerParameters.class;
    }

    @Override
    public PseudoLabelSamplerParameters defaults() {
        return new PseudoLabelSamplerParameters("pseudo-labels", PseudoLabelSamplerParameters.STRATIFIED, true);
    }

    @Override
    public String description() {
        return "batches without repeated pseudo-labels (labels.csv of an earlier stage), reshuffled per epoch;"
                + " mode reference = G-SimCLR's fixed order";
    }

    @Override
    public Sampler create(PseudoLabelSamplerParameters parameters, SamplerContext context) {
        int size = context.dataset().size();
        int batchSize = context.batchSize();
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        if (size == 0) {
            throw new IllegalArgumentException("the training split is empty");
        }
        if (parameters.dropLast() && size < batchSize) {
            throw new IllegalArgumentException("the training split has " + size + " images, fewer than one batch of "
                    + batchSize + "; lower batchSize or set sampler.dropLast: false");
        }
        Path file = context.stages().directory(parameters.stage()).resolve(Artifacts.LABELS);
        if (!Files.isRegularFile(file)) {
            throw new StageException("stage '" + parameters.stage() + "' left no " + Artifacts.LABELS + " (" + file
                    + "); set sampler.stage to the stage that writes pseudo-labels, e.g. pseudo-labels");
        }
        int[] labels;
        try {
            labels = Artifacts.readLabels(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (labels.length != size) {
            throw new StageException(file + " has " + labels.length + " labels but the training split has " + size
                    + " images; run stage '" + parameters.stage() + "' again on this dataset");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new StageException(file + ": image " + i + " has the negative label " + labels[i]
                        + "; run stage '" + parameters.stage() + "' again");
            }
        }
        boolean reference = PseudoLabelSamplerParameters.REFERENCE.equals(parameters.mode());
        return new PseudoLabelSampler(labels, batchSize, context.seed(), parameters.dropLast(), reference);
    }
}
