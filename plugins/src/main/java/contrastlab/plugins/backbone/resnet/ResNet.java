package contrastlab.plugins.backbone.resnet;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A ResNet encoder without its classifier: stem, four stages of residual units (strides 1, 2, 2, 2),
 * global average pooling. Maps {@code (N, C, H, W)} to {@code (N, featureDim)}.
 */
public final class ResNet extends AbstractBlock {

    private static final byte VERSION = 1;

    private final SequentialBlock stem;
    private final List<SequentialBlock> stages = new ArrayList<>();
    private final int featureDim;

    ResNet(ResNetParameters p) {
        super(VERSION);
        stem = addChildBlock("stem", buildStem(p));
        int[] units = p.unitsPerStage();
        int in = p.width();
        for (int s = 0; s < units.length; s++) {
            int planes = p.width() << s;
            SequentialBlock stage = new SequentialBlock();
            for (int u = 0; u < units[s]; u++) {
                int stride = (s > 0 && u == 0) ? 2 : 1;
                ResidualUnit unit = p.bottleneck()
                        ? ResidualUnit.bottleneck(in, planes, stride, p.batchNormSplits())
                        : ResidualUnit.basic(in, planes, stride, p.batchNormSplits());
                stage.add(unit);
                in = p.bottleneck() ? planes * ResidualUnit.EXPANSION : planes;
            }
            stages.add(addChildBlock("stage" + (s + 1), stage));
        }
        featureDim = in;
    }

    private static SequentialBlock buildStem(ResNetParameters p) {
        SequentialBlock stem = new SequentialBlock();
        if (ResNetParameters.IMAGENET.equals(p.stem())) {
            stem.add(Layers.conv(p.width(), 7, 2, 3));
        } else {
            stem.add(Layers.conv(p.width(), 3, 1, 1));
        }
        stem.add(Layers.batchNorm(p.batchNormSplits()));
        if (p.stemRelu()) {
            stem.add(Activation.reluBlock());
        }
        if (ResNetParameters.IMAGENET.equals(p.stem())) {
            stem.add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        }
        return stem;
    }

    /** The stem: conv, BN, then (if enabled) ReLU and (ImageNet stem) max-pool. */
    public SequentialBlock stem() {
        return stem;
    }

    /** Size of the output feature vector. */
    public int featureDim() {
        return featureDim;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = stem.forward(parameterStore, inputs, training, params);
        for (Block stage : stages) {
            x = stage.forward(parameterStore, x, training, params);
        }
        // one pooling op that also drops the 1x1 spatial axes
        return new NDList(Pool.globalAvgPool2d(x.head()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), featureDim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        stem.initialize(manager, dataType, shapes);
        shapes = stem.getOutputShapes(shapes);
        for (Block stage : stages) {
            stage.initialize(manager, dataType, shapes);
            shapes = stage.getOutputShapes(shapes);
        }
    }
}
