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
import java.util.Arrays;
import java.util.List;

/**
 * A ResNet encoder without its classifier: stem, four stages of residual units (strides 1, 2, 2, 2),
 * global average pooling. Maps {@code (N, C, H, W)} to {@code [(N, featureDim)]}, followed by one
 * {@code (N, exitDim)} array per SelfCon exit (in stage order) when exits are configured.
 *
 * <p>An exit after stage s is SelfCon's sub-network ({@code resnet_big.py}, {@code _make_sub_layer}):
 * {@code fc} pools the stage output and maps it with a Linear (bias, PyTorch's default init) to the
 * feature size; {@code same}/{@code small} run non-shared copies of stages s+1..4 (full or halved
 * unit counts) and pool. Every exit therefore ends at the backbone's feature size.
 */
public final class ResNet extends AbstractBlock {

    private static final byte VERSION = 1;

    private final SequentialBlock stem;
    private final List<SequentialBlock> stages = new ArrayList<>();
    /** The exit blocks, and after which (zero-based) stage each one branches off. */
    private final List<Block> exits = new ArrayList<>();
    private final List<Integer> exitStages = new ArrayList<>();
    private final int featureDim;

    ResNet(ResNetParameters p) {
        super(VERSION);
        stem = addChildBlock("stem", buildStem(p));
        int[] units = p.unitsPerStage();
        for (int s = 0; s < units.length; s++) {
            stages.add(addChildBlock("stage" + (s + 1), stage(p, s, units[s])));
        }
        featureDim = outChannels(p, units.length - 1);
        for (int s = 0; s < units.length - 1; s++) {
            if (p.exitAfter(s)) {
                exitStages.add(s);
                exits.add(addChildBlock("exit" + (s + 1), exit(p, s)));
            }
        }
    }

    /** Stage {@code s} (zero-based) with {@code count} units: stride 2 in its first unit except in stage 1. */
    private static SequentialBlock stage(ResNetParameters p, int s, int count) {
        int planes = p.width() << s;
        int in = s == 0 ? p.width() : outChannels(p, s - 1);
        SequentialBlock stage = new SequentialBlock();
        for (int u = 0; u < count; u++) {
            int stride = (s > 0 && u == 0) ? 2 : 1;
            stage.add(p.bottleneck()
                    ? ResidualUnit.bottleneck(in, planes, stride, p.batchNormSplits())
                    : ResidualUnit.basic(in, planes, stride, p.batchNormSplits()));
            in = outChannels(p, s);
        }
        return stage;
    }

    /** Output channels of stage {@code s} (zero-based). */
    private static int outChannels(ResNetParameters p, int s) {
        int planes = p.width() << s;
        return p.bottleneck() ? planes * ResidualUnit.EXPANSION : planes;
    }

    /** The sub-network branching off after stage {@code s}; its input is that stage's output map. */
    private static Block exit(ResNetParameters p, int s) {
        SequentialBlock exit = new SequentialBlock();
        int last = p.unitsPerStage().length - 1;
        if (ResNetParameters.FC.equals(p.exitSize())) {
            exit.add(Pool.globalAvgPool2dBlock());
            exit.add(Layers.linear(outChannels(p, s), outChannels(p, last)));
            return exit;
        }
        boolean small = ResNetParameters.SMALL.equals(p.exitSize());
        for (int t = s + 1; t <= last; t++) {
            int units = p.unitsPerStage()[t];
            exit.add(stage(p, t, small ? units / 2 : units));
        }
        exit.add(Pool.globalAvgPool2dBlock());
        return exit;
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

    /** Size of each exit's output vector, in output order: every exit ends at the feature size. */
    public List<Integer> exitDims() {
        return java.util.Collections.nCopies(exits.size(), featureDim);
    }

    /** The four stages. */
    List<SequentialBlock> stages() {
        return List.copyOf(stages);
    }

    /** The exit blocks, in output order. */
    List<Block> exits() {
        return List.copyOf(exits);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = stem.forward(parameterStore, inputs, training, params);
        NDList exitOutputs = new NDList(exits.size());
        int next = 0;
        for (int s = 0; s < stages.size(); s++) {
            x = stages.get(s).forward(parameterStore, x, training, params);
            while (next < exits.size() && exitStages.get(next) == s) {
                exitOutputs.add(exits.get(next).forward(parameterStore, x, training, params).head());
                next++;
            }
        }
        // one pooling op that also drops the 1x1 spatial axes
        NDList out = new NDList(Pool.globalAvgPool2d(x.head()));
        out.addAll(exitOutputs);
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = new Shape[1 + exits.size()];
        Arrays.fill(shapes, new Shape(inputShapes[0].get(0), featureDim));
        return shapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        stem.initialize(manager, dataType, shapes);
        shapes = stem.getOutputShapes(shapes);
        int next = 0;
        for (int s = 0; s < stages.size(); s++) {
            stages.get(s).initialize(manager, dataType, shapes);
            shapes = stages.get(s).getOutputShapes(shapes);
            while (next < exits.size() && exitStages.get(next) == s) {
                exits.get(next).initialize(manager, dataType, shapes);
                next++;
            }
        }
    }
}
