package contrastlab.plugins.evaluate.linear;

import contrastlab.api.util.Seeds;

/** One classifier being trained: its parameters, optimizer state and gradient buffer. */
final class LinearProbe {

    private final SoftmaxClassifier classifier;
    private final ParameterUpdate update;
    private final float[] gradient;
    private final LinearParameters parameters;
    private final long stream;

    /**
     * @param stream seed of this probe's initialisation and shuffling, so two probes of one evaluation
     *     draw independently
     */
    LinearProbe(int dim, int classes, LinearParameters parameters, long stream) {
        this.classifier = SoftmaxClassifier.initialized(dim, classes, Seeds.random(stream, -1));
        this.update = new ParameterUpdate(parameters.optimizer(), parameters.momentum(), parameters.weightDecay(),
                classifier.parameters().length);
        this.gradient = new float[classifier.parameters().length];
        this.parameters = parameters;
        this.stream = stream;
    }

    SoftmaxClassifier classifier() {
        return classifier;
    }

    /** One pass over the train features in minibatches at rate {@code lr}; returns the mean minibatch loss. */
    double trainEpoch(float[] features, int[] labels, int count, int epoch, double lr) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        if (parameters.shuffle()) {
            Seeds.shuffle(order, Seeds.random(stream, epoch));
        }
        int batch = parameters.batchSize();
        double lossSum = 0;
        int steps = 0;
        for (int from = 0; from < count; from += batch) {
            int to = Math.min(count, from + batch);
            if (to - from < batch && parameters.dropLast() && steps > 0) {
                break;
            }
            lossSum += classifier.lossAndGradient(features, labels, order, from, to, gradient);
            update.apply(classifier.parameters(), gradient, lr);
            steps++;
        }
        return lossSum / steps;
    }
}
