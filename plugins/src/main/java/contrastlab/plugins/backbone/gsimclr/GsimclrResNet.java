package contrastlab.plugins.backbone.gsimclr;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * G-SimCLR's encoder: keras-idiomatic-programmer {@code zoo/resnet/resnet_cifar10.py}'s {@code stem}
 * and {@code learner} (the notebook's {@code resnet_headless_model}) followed by global average
 * pooling. Stem conv3x3(width)+BN+ReLU; three groups of one projection block and
 * {@code blocksPerGroup} identity blocks with bottleneck widths width x {1, 4, 8}, outputs width x
 * {4, 8, 16} and strides 1, 2, 2. With the defaults: 8x8x256 on 32x32 input, 1,121,344 parameters as
 * Keras counts them (BatchNorm moving mean and variance included; 1,114,400 trainable).
 */
final class GsimclrResNet extends AbstractBlock {

    private static final byte VERSION = 1;
    /** Bottleneck width of each group relative to {@code width}. */
    private static final int[] FILTERS = {1, 4, 8};
    /** Output channels of each group relative to its bottleneck width (the original's {@code n}). */
    private static final int[] EXPANSION = {4, 2, 2};
    private static final int[] STRIDES = {1, 2, 2};

    private final SequentialBlock stem;
    private final SequentialBlock groups;

    GsimclrResNet(GsimclrResNetParameters p) {
        super(VERSION);
        stem = addChildBlock("stem", new SequentialBlock()
                .add(KerasLayers.conv(p.width(), 3, 1, 1))
                .add(KerasLayers.batchNorm())
                .add(Activation.reluBlock()));
        SequentialBlock all = new SequentialBlock();
        for (int g = 0; g < FILTERS.length; g++) {
            int filters = p.width() * FILTERS[g];
            int out = filters * EXPANSION[g];
            SequentialBlock group = new SequentialBlock();
            group.add(BottleneckBlock.projection(filters, out, STRIDES[g]));
            for (int b = 0; b < p.blocksPerGroup(); b++) {
                group.add(BottleneckBlock.identity(filters, out));
            }
            all.add(group);
        }
        groups = addChildBlock("groups", all);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = stem.forward(parameterStore, inputs, training, params);
        x = groups.forward(parameterStore, x, training, params);
        return new NDList(Pool.globalAvgPool2d(x.head()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] maps = groups.getOutputShapes(stem.getOutputShapes(inputShapes));
        return new Shape[] {new Shape(inputShapes[0].get(0), maps[0].get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        stem.initialize(manager, dataType, inputShapes);
        groups.initialize(manager, dataType, stem.getOutputShapes(inputShapes));
    }
}
