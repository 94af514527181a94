package contrastlab.plugins.stage.autoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;

/**
 * G-SimCLR's convolutional denoising autoencoder ({@code CIFAR10/Autoencoder.ipynb}), in Keras's layer
 * settings: encoder [Conv3x3(32)-BN-ReLU-MaxPool2], [Conv3x3(64)-BN-ReLU-MaxPool2],
 * [Conv3x3(128)-BN-ReLU-MaxPool2] = 'retrieval'; decoder [Upsample2-Conv3x3(128)-BN-ReLU],
 * [Upsample2-Conv3x3(64)-BN-ReLU], [Upsample2-Conv3x3(32)-BN-ReLU], Conv3x3(channels)-sigmoid. 335,747
 * parameters (batch-norm statistics included, as Keras counts them) on 3-channel input.
 *
 * <p>The Gaussian noise layer is not part of the block: the stage adds the noise to the input of
 * training steps only, as Keras's {@code GaussianNoise} does.
 */
final class DenoisingAutoencoder {

    private static final int[] ENCODER_FILTERS = {32, 64, 128};
    private static final int[] DECODER_FILTERS = {128, 64, 32};

    /** Keras's glorot_uniform: U(-l, l), l = sqrt(6 / (fan_in + fan_out)) = sqrt(3 / avg(fan_in, fan_out)). */
    private static final XavierInitializer GLOROT_UNIFORM =
            new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3f);

    /** Keras's BatchNormalization defaults: momentum 0.99 (weight of the old running value), epsilon 1e-3. */
    private static final float BN_MOMENTUM = 0.99f;
    private static final float BN_EPSILON = 1e-3f;

    /** Three 2x2 poolings: the input side must be a multiple of 8 for the decoder to restore it. */
    static final int DOWNSAMPLING = 8;

    private final SequentialBlock encoder = new SequentialBlock();
    private final SequentialBlock decoder = new SequentialBlock();
    private final SequentialBlock model = new SequentialBlock();

    DenoisingAutoencoder(int channels) {
        for (int filters : ENCODER_FILTERS) {
            encoder.add(conv(filters))
                    .add(batchNorm())
                    .add(Activation::relu)
                    .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
        for (int filters : DECODER_FILTERS) {
            decoder.add(new LambdaBlock(DenoisingAutoencoder::upsample, "upsample"))
                    .add(conv(filters))
                    .add(batchNorm())
                    .add(Activation::relu);
        }
        decoder.add(conv(channels)).add(Activation.sigmoidBlock());
        model.add(encoder).add(decoder);
    }

    /** The whole network (its parameters, initialisation). */
    Block block() {
        return model;
    }

    /** The reconstruction of {@code x} ({@code (N, C, H, W)} in [0, 1]). */
    NDArray reconstruct(ParameterStore store, NDArray x, boolean training) {
        return model.forward(store, new NDList(x), training).head();
    }

    /** The 'retrieval' layer (encoder output, {@code (N, 128, H/8, W/8)}), in inference mode. */
    NDArray retrieval(ParameterStore store, NDArray x) {
        return encoder.forward(store, new NDList(x), false).head();
    }

    /** Keras's UpSampling2D(2) (nearest): each pixel repeated along height and width. */
    private static NDList upsample(NDList x) {
        return new NDList(x.head().repeat(2, 2).repeat(3, 2));
    }

    private static Block conv(int filters) {
        // Keras Conv2D(filters, 3, padding="same") with a bias initialised to zero (DJL's default for biases)
        Block conv = Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .build();
        conv.setInitializer(GLOROT_UNIFORM, Parameter.Type.WEIGHT);
        return conv;
    }

    private static Block batchNorm() {
        return BatchNorm.builder().optMomentum(BN_MOMENTUM).optEpsilon(BN_EPSILON).build();
    }
}
