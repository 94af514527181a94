package contrastlab.plugins.backbone.gsimclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 3x3 convolution of stride 2 with TensorFlow's {@code padding="same"}: output size ceil(n / 2) from
 * a total padding of {@code max((out - 1) * 2 + 3 - n, 0)}, the odd pixel going to the bottom and
 * right. On an even size that is 0 above and 1 below, which DJL's symmetric padding cannot express
 * (padding 1 would sample the input one pixel up and left of TensorFlow), so the block appends the
 * zero rows and columns itself (concatenation; MXNet has no asymmetric pad) and convolves without
 * padding. An odd size gets one zero row/column on each side.
 */
final class SameStridedConv extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int filters;
    private final Block conv;

    SameStridedConv(int filters) {
        super(VERSION);
        this.filters = filters;
        conv = addChildBlock("conv", KerasLayers.conv(filters, 3, 2, 0));
    }

    /** Padding (before, after) of one spatial side of size {@code n}. */
    static int[] padding(long n) {
        long out = (n + 1) / 2;
        int total = (int) Math.max((out - 1) * 2 + 3 - n, 0);
        return new int[] {total / 2, total - total / 2};
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray padded = pad(pad(x, 2), 3);
        return conv.forward(parameterStore, new NDList(padded), training, params);
    }

    /** {@code x} with TensorFlow's zero padding along {@code axis} (2: rows, 3: columns). */
    private static NDArray pad(NDArray x, int axis) {
        int[] p = padding(x.getShape().get(axis));
        NDArray out = x;
        if (p[0] > 0) {
            out = zeros(x, axis, p[0]).concat(out, axis);
        }
        if (p[1] > 0) {
            out = out.concat(zeros(x, axis, p[1]), axis);
        }
        return out;
    }

    private static NDArray zeros(NDArray like, int axis, int count) {
        Shape s = like.getShape();
        long[] dims = s.getShape().clone();
        dims[axis] = count;
        return like.getManager().zeros(new Shape(dims), like.getDataType(), like.getDevice());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), filters, (s.get(2) + 1) / 2, (s.get(3) + 1) / 2)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        int[] rows = padding(s.get(2));
        int[] cols = padding(s.get(3));
        conv.initialize(manager, dataType,
                new Shape(s.get(0), s.get(1), s.get(2) + rows[0] + rows[1], s.get(3) + cols[0] + cols[1]));
    }
}
