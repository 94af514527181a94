package contrastlab.plugins.method.supervised;

import ai.djl.nn.Block;
import contrastlab.api.method.Method;
import contrastlab.api.method.MethodContext;
import contrastlab.api.method.MethodPlugin;
import contrastlab.plugins.method.common.MlpHead;
import contrastlab.plugins.method.common.ParallelHeads;
import java.util.ArrayList;
import java.util.List;

/** The {@code supervised} baseline: cross-entropy on the labels through a linear classifier. */
public final class SupervisedPlugin implements MethodPlugin<SupervisedParameters> {

    @Override
    public String name() {
        return "supervised";
    }

    @Override
    public String description() {
        return "cross-entropy on the labels through a linear classifier on the features (the CE baseline)";
    }

    @Override
    public Class<SupervisedParameters> parametersType() {
        return SupervisedParameters.class;
    }

    @Override
    public SupervisedParameters defaults() {
        return new SupervisedParameters(0.0);
    }

    @Override
    public boolean needsLabels(SupervisedParameters parameters) {
        return true;
    }

    @Override
    public Method create(SupervisedParameters p, MethodContext context) {
        if (context.numClasses() < 2) {
            throw new IllegalArgumentException("supervised needs a labelled dataset with at least 2 classes, got "
                    + context.numClasses());
        }
        List<String> names = new ArrayList<>(List.of("classifier"));
        List<Block> heads = new ArrayList<>(List.of(linear(context.featureDim(), context.numClasses())));
        List<Integer> dims = new ArrayList<>(List.of(context.featureDim()));
        if (p.exitWeight() > 0) {
            List<Integer> exitDims = context.backbone().exitDims();
            if (exitDims.isEmpty()) {
                throw new IllegalArgumentException("supervised exitWeight " + p.exitWeight()
                        + " needs a backbone with exits, e.g. backbone.exits: [false, true, false]");
            }
            for (int i = 0; i < exitDims.size(); i++) {
                names.add("exit" + (i + 1) + "Classifier");
                heads.add(linear(exitDims.get(i), context.numClasses()));
                dims.add(exitDims.get(i));
            }
        }
        return new Supervised(new ParallelHeads(names, heads), dims, context.numClasses(), (float) p.exitWeight());
    }

    private static Block linear(int in, int classes) {
        return MlpHead.build(in, List.of(classes), false, false);
    }
}
