package contrastlab.plugins.method.barlowtwins;

import contrastlab.api.method.Method;
import contrastlab.api.method.MethodContext;
import contrastlab.api.method.MethodPlugin;
import contrastlab.plugins.method.common.MlpHead;
import java.util.List;

/** The {@code barlow-twins} method: a BatchNorm MLP projector and the cross-correlation loss. */
public final class BarlowTwinsPlugin implements MethodPlugin<BarlowTwinsParameters> {

    @Override
    public String name() {
        return "barlow-twins";
    }

    @Override
    public Class<BarlowTwinsParameters> parametersType() {
        return BarlowTwinsParameters.class;
    }

    @Override
    public BarlowTwinsParameters defaults() {
        return new BarlowTwinsParameters(List.of(2048, 2048, 2048), 5e-3, 1.0);
    }

    @Override
    public String description() {
        return "Barlow Twins: BN MLP projector, sum (1-C_ii)^2 + lambda sum_{i!=j} C_ij^2 on the batch-standardised "
                + "cross-correlation of the two views";
    }

    @Override
    public Method create(BarlowTwinsParameters parameters, MethodContext context) {
        if (context.views() != 2) {
            throw new IllegalArgumentException("barlow-twins needs exactly 2 views per image, the recipe has "
                    + context.views());
        }
        if (context.batchSize() < 2) {
            throw new IllegalArgumentException("barlow-twins standardises over the batch and needs batchSize >= 2");
        }
        return new BarlowTwins(MlpHead.build(context.featureDim(), parameters.projector(), true, true),
                context.featureDim(), (float) parameters.lambda(), (float) parameters.scale());
    }
}
