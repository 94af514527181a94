package contrastlab.plugins.pretext.jigsaw;

import contrastlab.api.pretext.PretextPlugin;
import contrastlab.api.pretext.PretextTask;

/**
 * The {@code jigsaw} pretext task (ScatSimCLR): which of 35 fixed permutations shuffled the 3x3 tiles
 * of the un-augmented image; 9 extra backbone passes per image.
 */
public final class JigsawPlugin implements PretextPlugin<JigsawParameters> {

    @Override
    public String name() {
        return "jigsaw";
    }

    @Override
    public Class<JigsawParameters> parametersType() {
        return JigsawParameters.class;
    }

    @Override
    public JigsawParameters defaults() {
        return new JigsawParameters(512, 4096, 0.5);
    }

    @Override
    public String description() {
        return "predict which of 35 permutations shuffled the 3x3 tiles of the image; head on the 9 tiles' h";
    }

    @Override
    public PretextTask create(JigsawParameters parameters, int featureDim) {
        return new JigsawTask(parameters, featureDim);
    }
}
