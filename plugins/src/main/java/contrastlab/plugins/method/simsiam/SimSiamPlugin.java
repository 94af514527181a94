package contrastlab.plugins.method.simsiam;

import contrastlab.api.method.Method;
import contrastlab.api.method.MethodContext;
import contrastlab.api.method.MethodPlugin;
import contrastlab.plugins.method.common.MlpHead;
import java.util.List;

/** The {@code simsiam} method: projector, predictor, symmetric negative cosine with stop-gradient. */
public final class SimSiamPlugin implements MethodPlugin<SimSiamParameters> {

    @Override
    public String name() {
        return "simsiam";
    }

    @Override
    public Class<SimSiamParameters> parametersType() {
        return SimSiamParameters.class;
    }

    @Override
    public SimSiamParameters defaults() {
        return new SimSiamParameters(List.of(2048, 2048), List.of(512, 2048));
    }

    @Override
    public String description() {
        return "SimSiam: BN projector + bottleneck predictor, -1/2 cos(p0, sg(z1)) - 1/2 cos(p1, sg(z0))";
    }

    @Override
    public Method create(SimSiamParameters parameters, MethodContext context) {
        if (context.views() != 2) {
            throw new IllegalArgumentException("simsiam needs exactly 2 views per image, the recipe has " + context.views());
        }
        List<Integer> projector = parameters.projector();
        return new SimSiam(
                MlpHead.build(context.featureDim(), projector, true, true),
                MlpHead.build(projector.get(projector.size() - 1), parameters.predictor(), true, false),
                context.featureDim(),
                projector.get(projector.size() - 1));
    }
}
