package contrastlab.plugins.backbone.scatnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import contrastlab.api.backbone.InputTransform;
import contrastlab.api.dataset.ImageShape;

/**
 * The scattering transform of every colour channel as a block without parameters: {@code (N, C, H, W)}
 * to {@code (N, C K, H / 2^J, W / 2^J)}, colour-major (channel c K + k). It runs in Java on the
 * batch's values (no gradient flows into the image, and the engine has no FFT) and returns a new
 * array on the input's manager. As the backbone's {@link InputTransform} the runtime runs the same
 * transform on its data workers; a batch already of the output shape passes through unchanged.
 */
final class ScatteringBlock extends AbstractBlock implements InputTransform {

    private static final byte VERSION = 1;

    private final Scattering2D scattering;
    private final ImageShape input;
    private final ImageShape output;

    ScatteringBlock(int scales, int angles, int channels, int height, int width) {
        super(VERSION);
        this.scattering = new Scattering2D(scales, angles, height, width);
        this.input = new ImageShape(channels, height, width);
        this.output = new ImageShape(channels * scattering.coefficients(), scattering.outHeight(), scattering.outWidth());
    }

    @Override
    public ImageShape inputShape() {
        return input;
    }

    @Override
    public ImageShape outputShape() {
        return output;
    }

    /** On the calling data worker alone: the workers already keep every core busy. */
    @Override
    public float[] apply(float[] images, int count) {
        return scattering.transform(images, count * input.channels(), false);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        Shape shape = x.getShape();
        if (matches(shape, output)) {
            return new NDList(x);
        }
        if (!matches(shape, input)) {
            // the filters are built for one image size
            throw new IllegalArgumentException("scatnet was built for (N, " + input.channels() + ", " + input.height()
                    + ", " + input.width() + ") images (or their coefficients, (N, " + output.channels() + ", "
                    + output.height() + ", " + output.width() + ")), got " + shape);
        }
        int batch = Math.toIntExact(shape.get(0));
        float[] values = x.getDataType() == DataType.FLOAT32 ? x.toFloatArray() : x.toType(DataType.FLOAT32, false).toFloatArray();
        float[] coefficients = scattering.transform(values, batch * input.channels());
        NDArray y = x.getManager().create(coefficients, batchShape(batch));
        return new NDList(y);
    }

    private static boolean matches(Shape shape, ImageShape image) {
        return shape.dimension() == 4 && shape.get(1) == image.channels() && shape.get(2) == image.height()
                && shape.get(3) == image.width();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {batchShape(inputShapes[0].get(0))};
    }

    /** {@code (n, C K, H / 2^J, W / 2^J)}: channels are input channels x K. */
    private Shape batchShape(long n) {
        return new Shape(n, output.channels(), output.height(), output.width());
    }
}
