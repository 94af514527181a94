package contrastlab.plugins.evaluate.linear;

/**
 * PyTorch's {@code SGD} (momentum without dampening, no Nesterov) and {@code Adam} (betas 0.9/0.999,
 * eps 1e-8, bias-corrected) on one flat parameter vector, with L2 decay added to the gradient.
 */
final class ParameterUpdate {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final boolean adam;
    private final double momentum;
    private final double weightDecay;
    private final float[] first;
    private final float[] second;
    private long steps;

    ParameterUpdate(String optimizer, double momentum, double weightDecay, int size) {
        this.adam = optimizer.equals("adam");
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.first = new float[size];
        this.second = adam ? new float[size] : null;
    }

    /** One step on {@code parameters} with {@code gradient} (which it overwrites with the decayed gradient). */
    void apply(float[] parameters, float[] gradient, double lr) {
        steps++;
        float wd = (float) weightDecay;
        if (adam) {
            double correction1 = 1 - Math.pow(BETA1, steps);
            double correction2 = 1 - Math.pow(BETA2, steps);
            float stepSize = (float) (lr / correction1);
            float sqrtCorrection2 = (float) Math.sqrt(correction2);
            for (int i = 0; i < parameters.length; i++) {
                float g = gradient[i] + wd * parameters[i];
                first[i] = (float) (BETA1 * first[i] + (1 - BETA1) * g);
                second[i] = (float) (BETA2 * second[i] + (1 - BETA2) * g * g);
                float denominator = (float) (Math.sqrt(second[i]) / sqrtCorrection2 + EPS);
                parameters[i] -= stepSize * first[i] / denominator;
            }
        } else {
            float m = (float) momentum;
            float rate = (float) lr;
            for (int i = 0; i < parameters.length; i++) {
                float g = gradient[i] + wd * parameters[i];
                // PyTorch starts the buffer at the first gradient, which is m * 0 + g
                first[i] = m * first[i] + g;
                parameters[i] -= rate * (momentum > 0 ? first[i] : g);
            }
        }
    }
}
