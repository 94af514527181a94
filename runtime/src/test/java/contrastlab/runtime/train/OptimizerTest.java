package contrastlab.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import contrastlab.runtime.recipe.OptimizerSettings;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Each optimizer against PyTorch's update rule written out in doubles. */
class OptimizerTest {

    private static final double[] W0 = {0.5, -1.0, 2.0};
    private static final double[][] GRADS = {{0.1, 0.2, -0.3}, {-0.4, 0.05, 0.6}, {0.3, -0.2, 0.1}};

    private static float[] run(OptimizerSettings settings, double[] lrs) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                NDManager stateManager = NDManager.newBaseManager(Device.cpu())) {
            NDArray weight = manager.create(toFloat(W0));
            AtomicReference<Double> lr = new AtomicReference<>(lrs[0]);
            StatefulOptimizer optimizer = StatefulOptimizer.create(settings, lr::get, stateManager);
            for (int t = 0; t < GRADS.length; t++) {
                lr.set(lrs[t]);
                try (NDManager step = NDManager.newBaseManager(Device.cpu())) {
                    optimizer.update("w", weight, step.create(toFloat(GRADS[t])));
                }
                // temporaries of the update attach to the weight's long-lived manager: they must be released
                assertEquals(1, ((BaseNDManager) manager).getManagedArrays().size(), "arrays leaked into the weight's manager");
            }
            return weight.toFloatArray();
        }
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static OptimizerSettings settings(String type, double momentum, double wd, boolean nesterov) {
        return new OptimizerSettings(type, 0.1, momentum, wd, nesterov, List.of(0.9, 0.999), 1e-8, 0.02, false);
    }

    @Test
    void sgdWithMomentumAndWeightDecayMatchesTorch() {
        double[] lrs = {0.1, 0.05, 0.02};
        for (boolean nesterov : new boolean[] {false, true}) {
            double[] w = W0.clone();
            double[] buf = new double[3];
            for (int t = 0; t < 3; t++) {
                for (int i = 0; i < 3; i++) {
                    double d = GRADS[t][i] + 0.01 * w[i];
                    buf[i] = t == 0 ? d : 0.9 * buf[i] + d;
                    double step = nesterov ? d + 0.9 * buf[i] : buf[i];
                    w[i] -= lrs[t] * step;
                }
            }
            assertArrayEquals(toFloat(w), run(settings("sgd", 0.9, 0.01, nesterov), lrs), 1e-6f, "nesterov=" + nesterov);
        }
    }

    @Test
    void adamMatchesTorch() {
        double[] lrs = {0.1, 0.1, 0.1};
        double[] w = W0.clone();
        double[] m = new double[3];
        double[] v = new double[3];
        for (int t = 1; t <= 3; t++) {
            for (int i = 0; i < 3; i++) {
                double g = GRADS[t - 1][i] + 1e-4 * w[i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double mHat = m[i] / (1 - Math.pow(0.9, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                w[i] -= 0.1 * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }
        assertArrayEquals(toFloat(w), run(settings("adam", 0, 1e-4, false), lrs), 1e-5f);
    }

    @Test
    void larsScalesTheDecayedGradientByTheTrustRatio() {
        double[] lrs = {0.1, 0.1, 0.1};
        double[] w = W0.clone();
        double[] buf = new double[3];
        double wd = 1e-3;
        for (int t = 0; t < 3; t++) {
            double wn = 0;
            double gn = 0;
            for (int i = 0; i < 3; i++) {
                wn += w[i] * w[i];
                gn += GRADS[t][i] * GRADS[t][i];
            }
            wn = Math.sqrt(wn);
            gn = Math.sqrt(gn);
            double trust = 0.02 * wn / (gn + wd * wn + 1e-8);
            for (int i = 0; i < 3; i++) {
                double d = (GRADS[t][i] + wd * w[i]) * trust;
                buf[i] = 0.9 * buf[i] + d;
                w[i] -= lrs[t] * buf[i];
            }
        }
        assertArrayEquals(toFloat(w), run(settings("lars", 0.9, wd, false), lrs), 1e-6f);
    }

    @Test
    void snapshotRestoresMomentumExactly() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            OptimizerSettings s = settings("sgd", 0.9, 0.0, false);
            StatefulOptimizer a = StatefulOptimizer.create(s, () -> 0.1, manager);
            NDArray wa = manager.create(toFloat(W0));
            a.update("w", wa, manager.create(toFloat(GRADS[0])));
            StatefulOptimizer b = StatefulOptimizer.create(s, () -> 0.1, manager);
            b.restore(a.snapshot(), List.of(Device.cpu()));
            NDArray wb = wa.duplicate();
            a.update("w", wa, manager.create(toFloat(GRADS[1])));
            b.update("w", wb, manager.create(toFloat(GRADS[1])));
            assertArrayEquals(wa.toFloatArray(), wb.toFloatArray(), 0f);
            assertEquals(2L, b.snapshot().steps().get("w"));
        }
    }
}
