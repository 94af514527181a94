package contrastlab.plugins.method.simclr;

import contrastlab.api.method.Method;
import contrastlab.api.method.MethodContext;
import contrastlab.api.method.MethodPlugin;
import contrastlab.plugins.method.common.MlpHead;
import java.util.List;

/** The {@code simclr} method: an MLP projector and the NT-Xent loss. */
public final class SimClrPlugin implements MethodPlugin<SimClrParameters> {

    @Override
    public String name() {
        return "simclr";
    }

    @Override
    public Class<SimClrParameters> parametersType() {
        return SimClrParameters.class;
    }

    @Override
    public SimClrParameters defaults() {
        return new SimClrParameters(0.5, List.of(512, 128), false, false);
    }

    @Override
    public String description() {
        return "SimCLR: MLP projector + NT-Xent over in-batch negatives (cosine / temperature)";
    }

    @Override
    public Method create(SimClrParameters parameters, MethodContext context) {
        if (context.views() < 2) {
            throw new IllegalArgumentException("simclr needs at least 2 views per image, the recipe has "
                    + context.views());
        }
        return new SimClr(
                MlpHead.build(context.featureDim(), parameters.projector(), parameters.projectorBatchNorm(), false),
                context.featureDim(),
                (float) parameters.temperature(),
                parameters.jointViews());
    }
}
