package contrastlab.plugins.backbone.gsimclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import contrastlab.api.nd.FreezableBatchNorm;

/** The Keras layers of the original, with Keras' defaults. */
final class KerasLayers {

    /** Keras BatchNormalization: epsilon 1e-3, momentum 0.99 (the weight of the old running value, as in DJL). */
    static final float BN_EPSILON = 1e-3f;

    static final float BN_MOMENTUM = 0.99f;

    /**
     * Keras' {@code he_normal}: a normal of standard deviation sqrt(2 / fan_in) / 0.8796 truncated at
     * two standard deviations (the divisor restores the variance the truncation removes); fan_in =
     * input channels x kernel area.
     */
    static final Initializer HE_NORMAL = new Initializer() {
        private final Initializer standard = new TruncatedNormalInitializer(1f);

        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            long fanIn = shape.size() / shape.get(0);
            double std = Math.sqrt(2.0 / fanIn) / 0.87962566103423978;
            NDArray unit = standard.initialize(manager, shape, dataType);
            NDArray scaled = unit.mul((float) std);
            unit.close();
            return scaled;
        }
    };

    private KerasLayers() {}

    /**
     * A square convolution with a bias (Keras' default, initialised to zero) and {@code he_normal}
     * weights; {@code padding} as DJL's (symmetric).
     */
    static Block conv(int filters, int kernel, int stride, int padding) {
        Block conv = Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(true)
                .build();
        conv.setInitializer(HE_NORMAL, Parameter.Type.WEIGHT);
        conv.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        return conv;
    }

    static Block batchNorm() {
        return new FreezableBatchNorm(BN_EPSILON, BN_MOMENTUM);
    }
}
