package contrastlab.plugins.augment.normalize;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.AugmentationPlugin;
import contrastlab.plugins.augment.Checks;
import java.util.List;

/** {@code normalize}: torchvision's Normalize. */
public final class NormalizePlugin implements AugmentationPlugin<NormalizeParameters> {

    @Override
    public String name() {
        return Normalize.STEP;
    }

    @Override
    public Class<NormalizeParameters> parametersType() {
        return NormalizeParameters.class;
    }

    @Override
    public NormalizeParameters defaults() {
        return NormalizeParameters.defaults();
    }

    @Override
    public String description() {
        return "(x - mean) / std per channel (torchvision Normalize)";
    }

    @Override
    public Augmentation create(NormalizeParameters parameters) {
        return new Normalize(values("mean", parameters.mean()), values("std", parameters.std()));
    }

    private static double[] values(String name, List<Double> list) {
        Checks.required(Normalize.STEP, name, list);
        double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Checks.required(Normalize.STEP, name, list.get(i));
        }
        return values;
    }
}
