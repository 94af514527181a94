package contrastlab.plugins.backbone.scatnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * PyTorch's AdaptiveAvgPool2d(size) on NCHW: output cell i averages input rows
 * [floor(i H / size), ceil((i + 1) H / size)), likewise for columns. When the size divides the input
 * it is a plain average pooling; otherwise (e.g. 7x7 maps of 28-pixel images) two products with the
 * averaging matrices, which the engine differentiates like any matmul.
 */
final class AdaptiveAvgPool {

    private AdaptiveAvgPool() {}

    static NDArray pool(NDArray x, int size) {
        Shape shape = x.getShape();
        long n = shape.get(0);
        long c = shape.get(1);
        int h = Math.toIntExact(shape.get(2));
        int w = Math.toIntExact(shape.get(3));
        if (h % size == 0 && w % size == 0) {
            Shape kernel = new Shape(h / size, w / size);
            return Pool.avgPool2d(x, kernel, kernel, new Shape(0, 0), false, true);
        }
        NDManager manager = x.getManager();
        NDArray columns = manager.create(averagingTransposed(w, size), new Shape(w, size));
        NDArray rows = manager.create(averagingTransposed(h, size), new Shape(h, size));
        // (N C H, W) x (W, s) -> (N C, s, H) -> (N C s, H) x (H, s) -> (N, C, s_w, s_h) -> (N, C, s_h, s_w)
        NDArray y = x.reshape(n * c * h, w).matMul(columns).reshape(n * c, h, size).transpose(0, 2, 1);
        return y.reshape(n * c * size, h).matMul(rows).reshape(n, c, size, size).transpose(0, 1, 3, 2);
    }

    /** The (in x size) matrix whose column i holds 1/count over bin i's inputs. */
    static float[] averagingTransposed(int in, int size) {
        float[] m = new float[in * size];
        for (int i = 0; i < size; i++) {
            int start = Math.floorDiv(i * in, size);
            int end = -Math.floorDiv(-(i + 1) * in, size);
            for (int k = start; k < end; k++) {
                m[k * size + i] = 1f / (end - start);
            }
        }
        return m;
    }
}
