package contrastlab.plugins.method.moco;

import contrastlab.api.method.Method;
import contrastlab.api.method.MethodContext;
import contrastlab.api.method.MethodPlugin;
import contrastlab.plugins.method.common.MlpHead;
import java.util.List;

/** The {@code moco} method: MoCo v2 with a momentum key encoder and a queue of negative keys. */
public final class MocoPlugin implements MethodPlugin<MocoParameters> {

    @Override
    public String name() {
        return "moco";
    }

    @Override
    public Class<MocoParameters> parametersType() {
        return MocoParameters.class;
    }

    @Override
    public MocoParameters defaults() {
        return new MocoParameters(0.1, List.of(512, 128), 0.99, 2, 4096, true, true, true);
    }

    @Override
    public String description() {
        return "MoCo v2: momentum key encoder (EMA), FIFO queue of keys, symmetric InfoNCE over [positive key, queue]";
    }

    @Override
    public Method create(MocoParameters parameters, MethodContext context) {
        if (context.views() != 2) {
            throw new IllegalArgumentException("moco needs exactly 2 views per image, the recipe has " + context.views());
        }
        return new Moco(parameters,
                MlpHead.build(context.featureDim(), parameters.projector(), false, false),
                MlpHead.build(context.featureDim(), parameters.projector(), false, false),
                context.newBackbone().get(),
                context);
    }
}
