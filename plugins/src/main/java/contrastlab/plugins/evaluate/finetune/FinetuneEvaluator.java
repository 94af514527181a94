package contrastlab.plugins.evaluate.finetune;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import contrastlab.api.augment.Augmentation;
import contrastlab.api.backbone.Backbone;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.evaluate.EvaluationContext;
import contrastlab.api.evaluate.Evaluator;
import contrastlab.api.nd.AbstractBatchNorm;
import contrastlab.api.util.Seeds;
import contrastlab.plugins.evaluate.common.StratifiedSubset;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * G-SimCLR's fine-tuning protocol on a copy of the run's backbone (the training backbone is never
 * touched): a Dense classifier on the encoder's features, trained on a seeded, stratified label
 * fraction of the train split, first alone with the encoder frozen (warm-up), then with the whole net
 * at a lower rate. Both phases are Keras' {@code fit} with {@code EarlyStopping(val_loss, patience,
 * restore_best_weights)}; the validation images are a stratified part of the labelled ones (the
 * original validates on the test set). Accuracy is measured on the test split in inference mode.
 */
final class FinetuneEvaluator implements Evaluator {

    private static final Logger LOG = LoggerFactory.getLogger(FinetuneEvaluator.class);
    /** Keras' Adam epsilon (DJL's Adam already uses Keras' bias-corrected step size form). */
    private static final float KERAS_EPSILON = 1e-7f;

    private final FinetuneParameters parameters;

    FinetuneEvaluator(FinetuneParameters parameters) {
        this.parameters = parameters;
    }

    /** The labelled images of the protocol: the part trained on and the part watched by early stopping. */
    record LabelledSplit(int[] fit, int[] validation) {}

    /** The labelled fraction of {@code labels} (stratified), then its stratified validation part. */
    static LabelledSplit labelledSplit(int[] labels, int classes, double fraction, double validationFraction,
            long seed) {
        int[] labelled = StratifiedSubset.of(labels, classes, fraction, Seeds.derive(seed, 0)).selected();
        int[] labelledLabels = new int[labelled.length];
        for (int i = 0; i < labelled.length; i++) {
            labelledLabels[i] = labels[labelled[i]];
        }
        StratifiedSubset held = StratifiedSubset.of(labelledLabels, classes, validationFraction, Seeds.derive(seed, 1));
        return new LabelledSplit(pick(labelled, held.rest()), pick(labelled, held.selected()));
    }

    private static int[] pick(int[] values, int[] positions) {
        int[] out = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = values[positions[i]];
        }
        return out;
    }

    @Override
    public Map<String, Double> evaluate(EvaluationContext context) throws IOException {
        long start = System.nanoTime();
        FinetuneParameters p = parameters;
        ImageDataset train = context.dataset(p.trainSplit());
        ImageDataset test = context.dataset(p.testSplit());
        if (!train.hasLabels() || !test.hasLabels()) {
            throw new IllegalArgumentException("finetune needs labelled splits; '" + p.trainSplit() + "' or '"
                    + p.testSplit() + "' has no labels");
        }
        int classes = Math.max(train.numClasses(), test.numClasses());
        int[] trainLabels = new int[train.size()];
        for (int i = 0; i < trainLabels.length; i++) {
            trainLabels[i] = train.label(i);
        }
        long seed = Seeds.derive(context.seed(), 0xF17E);
        LabelledSplit split = labelledSplit(trainLabels, classes, p.fraction(), p.validationFraction(), seed);
        Augmentation transform = context.evalTransform();
        Images fit = Images.read(train, split.fit(), transform, seed);
        Images validation = Images.read(train, split.validation(), transform, seed);

        Map<String, Double> metrics = new LinkedHashMap<>();
        try (NDManager manager = context.manager().newSubManager()) {
            Backbone copy = context.backboneCopy(manager);
            Block encoder = copy.block();
            Linear head = Linear.builder().setUnits(classes).build();
            head.initialize(manager, DataType.FLOAT32, new Shape(1, copy.featureDim()));
            glorotUniform(head, copy.featureDim(), classes, Seeds.random(seed, 2));
            Classifier model = new Classifier(encoder, head, classes);

            // warm-up: the classifier alone on the frozen encoder's (inference-mode) features
            encoder.freezeParameters(true);
            float[] fitFeatures = model.features(manager, fit);
            float[] validationFeatures = model.features(manager, validation);
            int dim = copy.featureDim();
            Phase warmup = new Phase(manager, head, p.warmupLr(), p.patience());
            int warmupEpochs = 0;
            for (int epoch = 0; epoch < p.warmupEpochs(); epoch++) {
                int[] order = Seeds.permutation(fit.count(), Seeds.random(seed, 3, epoch));
                for (int from = 0; from < order.length; from += p.batchSize()) {
                    int[] rows = slice(order, from, p.batchSize());
                    try (NDManager step = manager.newSubManager()) {
                        NDArray x = Classifier.rows(step, fitFeatures, dim, rows);
                        NDArray y = step.create(pick(fit.labels(), rows));
                        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                            NDArray logits = head.forward(warmup.store(), new NDList(x), true).head();
                            collector.backward(Classifier.crossEntropy(logits, y, classes));
                        }
                        warmup.store().updateAllParameters();
                    }
                }
                warmupEpochs = epoch + 1;
                double loss = model.headLoss(manager, validationFeatures, dim, validation.labels());
                if (warmup.endEpoch(epoch, loss)) {
                    break;
                }
            }
            warmup.restoreBest();
            double warmupTop1 = model.accuracy(manager, test, transform, seed);

            // the whole net at a lower rate; BatchNorm's running statistics stay frozen unless batchNorm: train.
            // Frozen blocks keep the step on the training path; a backbone with statistics they cannot freeze
            // is run through an inference-mode forward and backward instead (several times slower on MXNet/MKL-DNN).
            boolean frozen = p.batchNorm().equals("frozen");
            boolean inferenceMode = frozen && !AbstractBatchNorm.freezeAll(encoder, true);
            if (inferenceMode) {
                LOG.warn("finetune: the backbone has BatchNorm or Dropout blocks other than an AbstractBatchNorm; "
                        + "freezing them through an inference-mode backward, which is several times slower");
            }
            encoder.freezeParameters(false, parameter -> parameter.getType() != Parameter.Type.RUNNING_MEAN
                    && parameter.getType() != Parameter.Type.RUNNING_VAR);
            Phase whole = new Phase(manager, model, p.lr(), p.patience());
            int epochs = 0;
            for (int epoch = 0; epoch < p.epochs(); epoch++) {
                int[] order = Seeds.permutation(fit.count(), Seeds.random(seed, 4, epoch));
                for (int from = 0; from < order.length; from += p.batchSize()) {
                    int[] rows = slice(order, from, p.batchSize());
                    try (NDManager step = manager.newSubManager()) {
                        NDArray x = fit.batch(step, rows);
                        NDArray y = step.create(pick(fit.labels(), rows));
                        try (GradientCollector collector = inferenceMode ? context.newInferenceModeCollector()
                                : Engine.getInstance().newGradientCollector()) {
                            NDArray logits = model.forward(whole.store(), new NDList(x), !inferenceMode).head();
                            collector.backward(Classifier.crossEntropy(logits, y, classes));
                        }
                        whole.store().updateAllParameters();
                    }
                }
                epochs = epoch + 1;
                double loss = model.loss(manager, validation);
                if (whole.endEpoch(epoch, loss)) {
                    break;
                }
            }
            whole.restoreBest();
            double top1 = model.accuracy(manager, test, transform, seed);
            metrics.put("top1", top1);
            metrics.put("warmup_top1", warmupTop1);
            metrics.put("labelled", (double) (split.fit().length + split.validation().length));
            metrics.put("epochs", (double) epochs);
            metrics.put("warmup_epochs", (double) warmupEpochs);
        }
        LOG.info("finetune ({} labelled: {} fit + {} validation, batchNorm {}): warm-up {} epochs -> top1 {}, whole net "
                + "{} epochs -> top1 {}, {} s", split.fit().length + split.validation().length, split.fit().length,
                split.validation().length, p.batchNorm(), metrics.get("warmup_epochs"), metrics.get("warmup_top1"),
                metrics.get("epochs"), metrics.get("top1"), (System.nanoTime() - start) / 1e9);
        return metrics;
    }

    /** Keras' Dense initialisation: weight U(+-sqrt(6 / (in + out))), bias 0. */
    private static void glorotUniform(Linear head, int in, int out, SplittableRandom random) {
        double limit = Math.sqrt(6.0 / (in + out));
        float[] weight = new float[in * out];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = (float) random.nextDouble(-limit, limit);
        }
        head.getParameters().get("weight").getArray().set(FloatBuffer.wrap(weight));
        head.getParameters().get("bias").getArray().set(FloatBuffer.wrap(new float[out]));
    }

    /** Keras' fit keeps the last, smaller batch. */
    private static int[] slice(int[] order, int from, int batch) {
        int[] rows = new int[Math.min(batch, order.length - from)];
        System.arraycopy(order, from, rows, 0, rows.length);
        return rows;
    }

    /**
     * One fit call: Adam on {@code block}'s trainable parameters and Keras' early stopping, which keeps a
     * copy of every parameter (BatchNorm statistics included) of the epoch with the lowest validation loss.
     */
    private static final class Phase {
        private final ParameterStore store;
        private final List<Parameter> parameters;
        private final List<NDArray> best = new ArrayList<>();
        private final int patience;
        private double bestLoss = Double.POSITIVE_INFINITY;
        private int wait;

        Phase(NDManager manager, Block block, double lr, int patience) {
            Adam adam = Adam.builder().optLearningRateTracker(Tracker.fixed((float) lr)).optEpsilon(KERAS_EPSILON)
                    .build();
            this.store = new ParameterStore(manager, false);
            store.setParameterServer(new LocalParameterServer(adam), new Device[] {manager.getDevice()});
            this.parameters = block.getParameters().values();
            this.patience = patience;
        }

        ParameterStore store() {
            return store;
        }

        /** Keras' EarlyStopping after an epoch: true when training should stop. */
        boolean endEpoch(int epoch, double validationLoss) {
            if (validationLoss < bestLoss) {
                bestLoss = validationLoss;
                wait = 0;
                best.forEach(NDArray::close);
                best.clear();
                for (Parameter parameter : parameters) {
                    best.add(parameter.getArray().duplicate());
                }
                return false;
            }
            wait++;
            return wait >= patience;
        }

        /** Brings back the best epoch's parameters (always, where Keras 2.3 does so only when it stopped early). */
        void restoreBest() {
            for (int i = 0; i < best.size(); i++) {
                // in-place engine ops: a parameter the engine keeps in its own layout (MKL-DNN) refuses set()
                parameters.get(i).getArray().muli(0f).addi(best.get(i));
            }
        }
    }
}
