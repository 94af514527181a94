package contrastlab.plugins.method.selfcon;

import ai.djl.nn.Block;
import contrastlab.api.method.Method;
import contrastlab.api.method.MethodContext;
import contrastlab.api.method.MethodPlugin;
import contrastlab.plugins.method.common.MlpHead;
import contrastlab.plugins.method.common.ParallelHeads;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The shared plugin of the ConLoss methods; each subclass names one {@link Variant}. */
abstract class ConMethodPlugin implements MethodPlugin<ConParameters> {

    private static final Logger LOG = LoggerFactory.getLogger(ConMethodPlugin.class);

    private final Variant variant;

    ConMethodPlugin(Variant variant) {
        this.variant = variant;
    }

    @Override
    public final String name() {
        return variant.name();
    }

    @Override
    public final String description() {
        return variant.description();
    }

    @Override
    public final Class<ConParameters> parametersType() {
        return ConParameters.class;
    }

    @Override
    public final ConParameters defaults() {
        return new ConParameters(0.1, contrastlab.plugins.method.common.ConLoss.BASE_TEMPERATURE, ConParameters.MLP, 128);
    }

    @Override
    public final boolean needsLabels(ConParameters parameters) {
        return variant.labels();
    }

    @Override
    public final Method create(ConParameters p, MethodContext context) {
        if (variant.multiview() && context.views() < 2) {
            throw new IllegalArgumentException(name() + " needs at least 2 views per image, the recipe has "
                    + context.views() + "; set views: 2");
        }
        if (!variant.multiview() && context.views() != 1) {
            throw new IllegalArgumentException(name() + " uses one view per image, the recipe has "
                    + context.views() + "; set views: 1");
        }
        List<Integer> exitDims = context.backbone().exitDims();
        List<String> names = new ArrayList<>();
        List<Block> heads = new ArrayList<>();
        List<Integer> dims = new ArrayList<>();
        if (variant.exits()) {
            if (exitDims.isEmpty()) {
                throw new IllegalArgumentException(name() + " needs a backbone with exits, e.g. backbone: {type: resnet, "
                        + "exits: [false, true, false], exitSize: fc}");
            }
            for (int i = 0; i < exitDims.size(); i++) {
                names.add("exit" + (i + 1) + "Head");
                heads.add(head(p, exitDims.get(i)));
                dims.add(exitDims.get(i));
            }
        } else if (!exitDims.isEmpty()) {
            LOG.warn("{} ignores the backbone's {} exit(s): they are computed but get no loss; remove them from the "
                    + "backbone or use a selfcon method", name(), exitDims.size());
        }
        names.add("head");
        heads.add(head(p, context.featureDim()));
        dims.add(context.featureDim());
        return new ConMethod(variant, new ParallelHeads(names, heads), dims, p.temperature(), p.baseTemperature());
    }

    private static Block head(ConParameters p, int inputDim) {
        List<Integer> layers = ConParameters.MLP.equals(p.head()) ? List.of(inputDim, p.projectionDim())
                : List.of(p.projectionDim());
        return MlpHead.build(inputDim, layers, false, false);
    }
}
