package contrastlab.plugins.backbone.gsimclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import contrastlab.plugins.backbone.resnet.Layers;

/**
 * keras-idiomatic-programmer's bottleneck residual block (ResNet v1, fig. 3c): conv1x1-BN-ReLU,
 * conv3x3-BN-ReLU (stride on the 3x3), conv1x1-BN, plus the shortcut, then ReLU. The projection block
 * (first of a group) has a conv1x1 shortcut with the block's stride and <b>no</b> BatchNorm, as the
 * original; an identity block adds its input.
 */
final class BottleneckBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block reduce;
    private final Block reduceNorm;
    private final Block spatial;
    private final Block spatialNorm;
    private final Block restore;
    private final Block restoreNorm;
    private final Block shortcut;

    private BottleneckBlock(int filters, int outChannels, int stride, boolean projection) {
        super(VERSION);
        reduce = addChildBlock("conv1", KerasLayers.conv(filters, 1, 1, 0));
        reduceNorm = addChildBlock("bn1", KerasLayers.batchNorm());
        spatial = addChildBlock("conv2", stride == 1 ? KerasLayers.conv(filters, 3, 1, 1) : new SameStridedConv(filters));
        spatialNorm = addChildBlock("bn2", KerasLayers.batchNorm());
        restore = addChildBlock("conv3", KerasLayers.conv(outChannels, 1, 1, 0));
        restoreNorm = addChildBlock("bn3", KerasLayers.batchNorm());
        shortcut = projection ? addChildBlock("shortcut", KerasLayers.conv(outChannels, 1, stride, 0)) : null;
    }

    /** The first block of a group: {@code filters} inner channels, {@code outChannels} out, strided shortcut conv. */
    static BottleneckBlock projection(int filters, int outChannels, int stride) {
        if (stride != 1 && stride != 2) {
            throw new IllegalArgumentException("stride must be 1 or 2, got " + stride);
        }
        return new BottleneckBlock(filters, outChannels, stride, true);
    }

    /** A block whose input already has {@code outChannels} channels. */
    static BottleneckBlock identity(int filters, int outChannels) {
        return new BottleneckBlock(filters, outChannels, 1, false);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList y = reduce.forward(parameterStore, inputs, training, params);
        y = new NDList(Activation.relu(reduceNorm.forward(parameterStore, y, training, params).head()));
        y = spatial.forward(parameterStore, y, training, params);
        y = new NDList(Activation.relu(spatialNorm.forward(parameterStore, y, training, params).head()));
        y = restore.forward(parameterStore, y, training, params);
        NDArray residual = restoreNorm.forward(parameterStore, y, training, params).head();
        NDArray skip = shortcut == null ? inputs.head() : shortcut.forward(parameterStore, inputs, training, params).head();
        // MXNet's elemwise_add keeps oneDNN layouts (see the resnet backbone's Layers#add)
        return new NDList(Activation.relu(Layers.add(residual, skip)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = reduce.getOutputShapes(inputShapes);
        shapes = spatial.getOutputShapes(shapes);
        return restore.getOutputShapes(shapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        reduce.initialize(manager, dataType, shapes);
        shapes = reduce.getOutputShapes(shapes);
        reduceNorm.initialize(manager, dataType, shapes);
        spatial.initialize(manager, dataType, shapes);
        shapes = spatial.getOutputShapes(shapes);
        spatialNorm.initialize(manager, dataType, shapes);
        restore.initialize(manager, dataType, shapes);
        restoreNorm.initialize(manager, dataType, restore.getOutputShapes(shapes));
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
    }
}
