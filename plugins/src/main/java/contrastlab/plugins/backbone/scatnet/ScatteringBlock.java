package contrastlab.plugins.backbone.scatnet;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import contrastlab.api.backbone.InputTransform;
import contrastlab.api.dataset.ImageShape;
import java.util.Optional;

/**
 * The scattering transform of every colour channel as a block without parameters: {@code (N, C, H, W)}
 * to {@code (N, C K, H / 2^J, W / 2^J)}, colour-major (channel c K + k). Its implementation
 * ({@link ScatNetParameters#implementation()}) runs it in Java on the batch's values
 * ({@link Scattering2D}) or as engine operations on the input's device ({@link EngineScattering});
 * either way no gradient flows into the image and the result is a new array on the input's manager.
 * As the backbone's {@link InputTransform} the runtime may run the Java transform on its data
 * workers; a batch already of the output shape passes through unchanged.
 */
final class ScatteringBlock extends AbstractBlock implements InputTransform {

    private static final byte VERSION = 1;

    private final Scattering2D scattering;
    private final String implementation;
    /** Empty for implementation {@code java}. */
    private final Optional<EngineScattering> engine;
    private final ImageShape input;
    private final ImageShape output;

    /** Implementation {@code auto}. */
    ScatteringBlock(int scales, int angles, int channels, int height, int width) {
        this(scales, angles, channels, height, width, ScatNetParameters.AUTO);
    }

    ScatteringBlock(int scales, int angles, int channels, int height, int width, String implementation) {
        super(VERSION);
        this.scattering = new Scattering2D(scales, angles, height, width);
        this.implementation = implementation;
        this.engine = implementation.equals(ScatNetParameters.JAVA) ? Optional.empty()
                : Optional.of(new EngineScattering(scattering));
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

    /** True when the block scatters images on {@code device} with engine operations (on a GPU under auto). */
    @Override
    public boolean computedOnDevice(Device device) {
        return ScatNetParameters.onEngine(implementation, device);
    }

    /** Java, on the calling data worker alone: the workers already keep every core busy. */
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
        if (computedOnDevice(x.getDevice())) {
            return new NDList(engine.orElseThrow().transform(x));
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
