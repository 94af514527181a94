package contrastlab.plugins.backbone.resnet;

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
import java.util.ArrayList;
import java.util.List;

/**
 * One residual unit, BasicBlock (conv3x3-BN-ReLU-conv3x3-BN) or Bottleneck (conv1x1-BN-ReLU-
 * conv3x3-BN-ReLU-conv1x1-BN, stride on the 3x3 as in torchvision), plus the shortcut (identity, or
 * conv1x1+BN when the shape changes), then ReLU of the sum.
 *
 * <p>A hand-written block rather than nested Sequential/Parallel blocks: it calls the layers
 * directly, so a unit costs exactly its convolutions, BatchNorms, one add and the ReLUs. Public for
 * other backbones built from the same units (scatnet's ScatSimCLR adapters).
 */
public final class ResidualUnit extends AbstractBlock {

    /** Output channels of a Bottleneck relative to its inner width. */
    static final int EXPANSION = 4;

    private static final byte VERSION = 1;

    private final List<Block> convs = new ArrayList<>();
    private final List<Block> norms = new ArrayList<>();
    private final Block shortcutConv;
    private final Block shortcutNorm;

    private ResidualUnit(int[][] layers, int inChannels, int outChannels, int stride, int bnSplits) {
        super(VERSION);
        for (int i = 0; i < layers.length; i++) {
            int[] l = layers[i];
            convs.add(addChildBlock("conv" + (i + 1), Layers.conv(l[0], l[1], l[2], l[3])));
            norms.add(addChildBlock("bn" + (i + 1), Layers.batchNorm(bnSplits)));
        }
        if (stride != 1 || inChannels != outChannels) {
            shortcutConv = addChildBlock("shortcutConv", Layers.conv(outChannels, 1, stride, 0));
            shortcutNorm = addChildBlock("shortcutBn", Layers.batchNorm(bnSplits));
        } else {
            shortcutConv = null;
            shortcutNorm = null;
        }
    }

    /** A BasicBlock from {@code inChannels} to {@code channels}; {@code bnSplits} as {@link Layers#batchNorm(int)}. */
    public static ResidualUnit basic(int inChannels, int channels, int stride, int bnSplits) {
        int[][] layers = {{channels, 3, stride, 1}, {channels, 3, 1, 1}};
        return new ResidualUnit(layers, inChannels, channels, stride, bnSplits);
    }

    /** A Bottleneck with inner width {@code planes} and {@code planes * EXPANSION} outputs. */
    static ResidualUnit bottleneck(int inChannels, int planes, int stride, int bnSplits) {
        int out = planes * EXPANSION;
        int[][] layers = {{planes, 1, 1, 0}, {planes, 3, stride, 1}, {out, 1, 1, 0}};
        return new ResidualUnit(layers, inChannels, out, stride, bnSplits);
    }

    /** Whether the shortcut is a projection (conv1x1 + BN) rather than the identity. */
    boolean hasProjection() {
        return shortcutConv != null;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDList y = inputs;
        int last = convs.size() - 1;
        for (int i = 0; i <= last; i++) {
            y = convs.get(i).forward(parameterStore, y, training, params);
            y = norms.get(i).forward(parameterStore, y, training, params);
            if (i < last) {
                y = new NDList(Activation.relu(y.head()));
            }
        }
        NDArray shortcut = x;
        if (shortcutConv != null) {
            NDList s = shortcutConv.forward(parameterStore, inputs, training, params);
            shortcut = shortcutNorm.forward(parameterStore, s, training, params).head();
        }
        return new NDList(Activation.relu(Layers.add(y.head(), shortcut)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block conv : convs) {
            shapes = conv.getOutputShapes(shapes);
        }
        return shapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (int i = 0; i < convs.size(); i++) {
            convs.get(i).initialize(manager, dataType, shapes);
            shapes = convs.get(i).getOutputShapes(shapes);
            norms.get(i).initialize(manager, dataType, shapes);
        }
        if (shortcutConv != null) {
            shortcutConv.initialize(manager, dataType, inputShapes);
            shortcutNorm.initialize(manager, dataType, shortcutConv.getOutputShapes(inputShapes));
        }
    }
}
