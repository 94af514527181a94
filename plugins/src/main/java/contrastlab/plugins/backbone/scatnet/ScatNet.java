package contrastlab.plugins.backbone.scatnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import contrastlab.api.backbone.InputTransform;
import contrastlab.api.dataset.ImageShape;
import contrastlab.plugins.backbone.resnet.Layers;
import contrastlab.plugins.backbone.resnet.ResidualUnit;

/**
 * ScatSimCLR's encoder: the scattering transform of each colour channel, then (unless the adapter is
 * {@code none}) conv3x3-BN-ReLU, stride-1 BasicBlock stages, adaptive average pooling to 4x4 and
 * flattening. With adapter {@code none} the features are the flattened coefficients.
 */
final class ScatNet extends AbstractBlock {

    private static final byte VERSION = 1;

    private final ScatteringBlock scattering;
    private final SequentialBlock stem;
    private final SequentialBlock stages;
    private final int featureDim;

    ScatNet(ScatNetParameters p, ImageShape input) {
        super(VERSION);
        scattering = addChildBlock("scattering",
                new ScatteringBlock(p.J(), p.L(), input.channels(), input.height(), input.width(), p.implementation()));
        Adapter adapter = p.adapterLayout();
        if (adapter == Adapter.NONE) {
            stem = null;
            stages = null;
            ImageShape coefficients = scattering.outputShape();
            featureDim = Math.multiplyExact(coefficients.channels(), coefficients.height() * coefficients.width());
            return;
        }
        stem = addChildBlock("stem", new SequentialBlock()
                .add(Layers.conv(p.width(adapter.stem()), 3, 1, 1))
                .add(Layers.batchNorm())
                .add(Activation.reluBlock()));
        SequentialBlock units = new SequentialBlock();
        int in = p.width(adapter.stem());
        for (int s = 0; s < adapter.stageCount(); s++) {
            int planes = p.width(adapter.planes(s));
            for (int b = 0; b < adapter.blocks(s); b++) {
                units.add(ResidualUnit.basic(in, planes, 1, 1));
                in = planes;
            }
        }
        stages = addChildBlock("stages", units);
        featureDim = in * Adapter.POOLED * Adapter.POOLED;
    }

    int featureDim() {
        return featureDim;
    }

    /** The scattering, for the runtime to run on its data workers. */
    InputTransform inputTransform() {
        return scattering;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = scattering.forward(parameterStore, inputs, training, params);
        if (stem == null) {
            NDArray coefficients = x.head();
            return new NDList(coefficients.reshape(coefficients.getShape().get(0), featureDim));
        }
        x = stem.forward(parameterStore, x, training, params);
        x = stages.forward(parameterStore, x, training, params);
        NDArray pooled = AdaptiveAvgPool.pool(x.head(), Adapter.POOLED);
        return new NDList(pooled.reshape(pooled.getShape().get(0), featureDim));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), featureDim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        scattering.initialize(manager, dataType, inputShapes);
        if (stem == null) {
            return;
        }
        Shape[] shapes = scattering.getOutputShapes(inputShapes);
        stem.initialize(manager, dataType, shapes);
        stages.initialize(manager, dataType, stem.getOutputShapes(shapes));
    }
}
