package contrastlab.plugins.evaluate.linear;

import contrastlab.plugins.math.FloatVectors;
import java.util.random.RandomGenerator;

/**
 * One linear layer with a softmax cross-entropy loss, in plain Java: the parameters are one flat
 * vector, the weight {@code (classes x dim)} row-major followed by the bias, so an optimizer sees a
 * single array. Gradients are the closed form {@code (softmax - onehot) / batch}.
 */
final class SoftmaxClassifier {

    private final int dim;
    private final int classes;
    private final float[] parameters;

    SoftmaxClassifier(int dim, int classes, float[] parameters) {
        if (parameters.length != classes * (dim + 1)) {
            throw new IllegalArgumentException("a " + dim + " -> " + classes + " classifier has "
                    + classes * (dim + 1) + " parameters, got " + parameters.length);
        }
        this.dim = dim;
        this.classes = classes;
        this.parameters = parameters;
    }

    /** PyTorch's {@code nn.Linear} initialisation: weight and bias U(-1/sqrt(dim), 1/sqrt(dim)). */
    static SoftmaxClassifier initialized(int dim, int classes, RandomGenerator random) {
        float[] p = new float[classes * (dim + 1)];
        double bound = 1 / Math.sqrt(dim);
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) random.nextDouble(-bound, bound);
        }
        return new SoftmaxClassifier(dim, classes, p);
    }

    float[] parameters() {
        return parameters;
    }

    int classes() {
        return classes;
    }

    /** The logits of row {@code row} of {@code features} into {@code out[offset .. offset + classes)}. */
    void logits(float[] features, int row, float[] out, int offset) {
        int x = row * dim;
        int bias = classes * dim;
        for (int c = 0; c < classes; c++) {
            out[offset + c] = parameters[bias + c] + FloatVectors.dot(parameters, c * dim, features, x, dim);
        }
    }

    /** Logits of every row, {@code count x classes}. */
    float[] logits(float[] features, int count) {
        float[] out = new float[count * classes];
        for (int i = 0; i < count; i++) {
            logits(features, i, out, i * classes);
        }
        return out;
    }

    /**
     * The mean cross-entropy of rows {@code order[from .. to)} and its gradient with respect to the
     * parameters, written into {@code gradient} (same layout as the parameters).
     */
    double lossAndGradient(float[] features, int[] labels, int[] order, int from, int to, float[] gradient) {
        java.util.Arrays.fill(gradient, 0f);
        int n = to - from;
        int bias = classes * dim;
        float[] z = new float[classes];
        double loss = 0;
        for (int k = from; k < to; k++) {
            int row = order[k];
            logits(features, row, z, 0);
            float max = Float.NEGATIVE_INFINITY;
            for (float v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                z[c] = (float) Math.exp(z[c] - max);
                sum += z[c];
            }
            int y = labels[row];
            loss -= Math.log(z[y] / sum);
            int x = row * dim;
            for (int c = 0; c < classes; c++) {
                float g = (float) ((z[c] / sum - (c == y ? 1 : 0)) / n);
                gradient[bias + c] += g;
                axpy(g, features, x, gradient, c * dim, dim);
            }
        }
        return loss / n;
    }

    /** The mean cross-entropy over every row of {@code features} (a validation loss). */
    double meanLoss(float[] features, int[] labels) {
        float[] z = new float[classes];
        double loss = 0;
        for (int row = 0; row < labels.length; row++) {
            logits(features, row, z, 0);
            float max = Float.NEGATIVE_INFINITY;
            for (float v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(z[c] - max);
            }
            loss += Math.log(sum) - (z[labels[row]] - max);
        }
        return labels.length == 0 ? 0.0 : loss / labels.length;
    }

    /** Index of the largest of {@code classes} values from {@code offset} (the first on ties). */
    static int argmax(float[] values, int offset, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (values[offset + c] > values[offset + best]) {
                best = c;
            }
        }
        return best;
    }

    private static void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int length) {
        for (int i = 0; i < length; i++) {
            y[yOffset + i] += alpha * x[xOffset + i];
        }
    }
}
