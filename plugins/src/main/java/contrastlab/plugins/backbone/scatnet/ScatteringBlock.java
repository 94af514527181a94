package contrastlab.plugins.backbone.scatnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The scattering transform of every colour channel as a block without parameters: {@code (N, C, H, W)}
 * to {@code (N, C K, H / 2^J, W / 2^J)}, colour-major (channel c K + k). It runs in Java on the
 * batch's values (no gradient flows into the image, and the engine has no FFT) and returns a new
 * array on the input's manager.
 */
final class ScatteringBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Scattering2D scattering;
    private final int channels;
    private final int height;
    private final int width;

    ScatteringBlock(int scales, int angles, int channels, int height, int width) {
        super(VERSION);
        this.scattering = new Scattering2D(scales, angles, height, width);
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** Channels of the output: input channels x K. */
    int outChannels() {
        return channels * scattering.coefficients();
    }

    int outHeight() {
        return scattering.outHeight();
    }

    int outWidth() {
        return scattering.outWidth();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        Shape shape = x.getShape();
        if (shape.dimension() != 4 || shape.get(1) != channels || shape.get(2) != height || shape.get(3) != width) {
            // the filters are built for one image size
            throw new IllegalArgumentException("scatnet was built for (N, " + channels + ", " + height + ", " + width
                    + ") images, got " + shape);
        }
        int batch = Math.toIntExact(shape.get(0));
        float[] values = x.getDataType() == DataType.FLOAT32 ? x.toFloatArray() : x.toType(DataType.FLOAT32, false).toFloatArray();
        float[] coefficients = scattering.transform(values, batch * channels);
        NDArray y = x.getManager().create(coefficients, new Shape(batch, outChannels(), outHeight(), outWidth()));
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outChannels(), outHeight(), outWidth())};
    }
}
