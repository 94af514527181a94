package contrastlab.plugins.evaluate.linear;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test accuracies per linear epoch, and the best epoch of each classifier. */
final class Accuracies {

    private final boolean subnet;
    private final Map<String, Double> last = new LinkedHashMap<>();
    private final Map<String, Double> best = new LinkedHashMap<>();
    private int bestEpoch;

    Accuracies(boolean subnet) {
        this.subnet = subnet;
    }

    void record(int epoch, int[] labels, int classes, float[] mainLogits, float[] subLogits) {
        put(epoch, "top1", accuracy(mainLogits, labels, classes));
        if (subnet) {
            float[] ensemble = new float[mainLogits.length];
            for (int i = 0; i < ensemble.length; i++) {
                ensemble[i] = (mainLogits[i] + subLogits[i]) / 2;
            }
            put(epoch, "sub_top1", accuracy(subLogits, labels, classes));
            put(epoch, "ensemble_top1", accuracy(ensemble, labels, classes));
        }
    }

    private void put(int epoch, String name, double value) {
        last.put(name, value);
        if (value > best.getOrDefault(name, Double.NEGATIVE_INFINITY)) {
            best.put(name, value);
            if (name.equals("top1")) {
                bestEpoch = epoch;
            }
        }
    }

    int bestEpoch() {
        return bestEpoch;
    }

    /** {@code name} (last epoch) and {@code name_best_epoch} (max over epochs) for every classifier. */
    Map<String, Double> metrics() {
        Map<String, Double> out = new LinkedHashMap<>();
        last.forEach((name, value) -> {
            out.put(name, value);
            out.put(name + "_best_epoch", best.get(name));
        });
        return out;
    }

    static double accuracy(float[] logits, int[] labels, int classes) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (SoftmaxClassifier.argmax(logits, i * classes, classes) == labels[i]) {
                correct++;
            }
        }
        return labels.length == 0 ? 0.0 : (double) correct / labels.length;
    }
}
