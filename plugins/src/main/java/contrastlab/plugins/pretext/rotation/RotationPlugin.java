package contrastlab.plugins.pretext.rotation;

import contrastlab.api.pretext.PretextPlugin;
import contrastlab.api.pretext.PretextTask;
import java.util.List;

/**
 * The {@code rotation} pretext task (ScatSimCLR): 4-way classification of 0°/90° CW/180°/90° CCW
 * rotated, augmented copies of each image, from the backbone features h.
 */
public final class RotationPlugin implements PretextPlugin<RotationParameters> {

    @Override
    public String name() {
        return "rotation";
    }

    @Override
    public Class<RotationParameters> parametersType() {
        return RotationParameters.class;
    }

    @Override
    public RotationParameters defaults() {
        return new RotationParameters(List.of(512, 128), 0.5);
    }

    @Override
    public String description() {
        return "predict which of 4 rotations (0, 90 CW, 180, 90 CCW) an augmented image shows; head on h";
    }

    @Override
    public PretextTask create(RotationParameters parameters, int featureDim) {
        return new RotationTask(parameters, featureDim);
    }
}
