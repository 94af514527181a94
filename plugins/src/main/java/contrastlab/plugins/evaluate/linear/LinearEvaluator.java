package contrastlab.plugins.evaluate.linear;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.evaluate.EvaluationContext;
import contrastlab.api.evaluate.Evaluator;
import contrastlab.api.evaluate.FeatureSet;
import contrastlab.api.util.Seeds;
import contrastlab.plugins.evaluate.common.Standardizer;
import contrastlab.plugins.evaluate.common.StratifiedSubset;
import contrastlab.plugins.augment.crop.RandomResizedCrop;
import contrastlab.plugins.augment.flip.HorizontalFlip;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a linear classifier on the train split's frozen features and measures it on the test split
 * after every linear epoch. {@code top1} is the last epoch's test accuracy; {@code top1_best_epoch} is
 * the best epoch's, i.e. selected on the test split as ScatSimCLR and SelfCon report. With
 * {@code subnet}, a second classifier on the last exit's features gives {@code sub_*}, and the mean
 * of both classifiers' logits gives {@code ensemble_*}.
 */
final class LinearEvaluator implements Evaluator {

    private static final Logger LOG = LoggerFactory.getLogger(LinearEvaluator.class);

    private final LinearParameters parameters;

    LinearEvaluator(LinearParameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public Set<String> featureTaps() {
        return EvaluationContext.BACKBONE.equals(parameters.features()) ? Set.of() : Set.of(parameters.features());
    }

    LinearParameters parameters() {
        return parameters;
    }

    @Override
    public Map<String, Double> evaluate(EvaluationContext context) throws IOException {
        long start = System.nanoTime();
        LinearParameters p = parameters;
        boolean earlyStopping = p.patience() > 0;
        FeatureSet test = context.features(p.testSplit(), p.features());
        // the un-augmented train features: the training data, the standardisation statistics or the held-out part
        FeatureSet plain = !p.trainAugment() || p.standardize() || earlyStopping
                ? context.features(p.trainSplit(), p.features()) : null;
        FeatureSet reference = plain != null ? plain : test;
        if (p.subnet() && reference.exits().isEmpty()) {
            throw new IllegalArgumentException("linear subnet needs a multi-exit backbone; this one has no exits");
        }
        if (p.trainAugment() && !p.features().equals(EvaluationContext.BACKBONE)) {
            throw new IllegalArgumentException("linear trainAugment re-encodes the backbone's features only; "
                    + "use features: backbone or trainAugment: false");
        }
        int classes = Math.max(test.numClasses(), reference.numClasses());
        long stream = Seeds.derive(p.seed(), context.epoch());
        // rows the classifier trains on; the rest of the train split is the early-stopping validation part
        StratifiedSubset heldOut = earlyStopping
                ? StratifiedSubset.of(plain.labels(), classes, p.validationFraction(), Seeds.derive(p.seed(), -2)) : null;
        int[] trainRows = heldOut != null ? heldOut.rest() : null;
        Standardizer mainScaler = p.standardize() ? Standardizer.fit(plain.values(), plain.count(), plain.dim()) : null;
        Standardizer subScaler = p.standardize() && p.subnet()
                ? Standardizer.fit(lastExit(plain).values(), plain.count(), lastExit(plain).dim()) : null;
        float[] testMain = scaled(mainScaler, test.values());
        float[] testSub = p.subnet() ? scaled(subScaler, lastExit(test).values()) : null;
        float[] trainMain = p.trainAugment() ? null : rows(scaled(mainScaler, plain.values()), plain.dim(), trainRows);
        float[] trainSub = !p.trainAugment() && p.subnet() ? scaled(subScaler, lastExit(plain).values()) : null;
        float[] validation = heldOut != null ? rows(scaled(mainScaler, plain.values()), plain.dim(), heldOut.selected())
                : null;
        int[] validationLabels = heldOut != null ? rows(plain.labels(), heldOut.selected()) : null;

        LinearProbe main = new LinearProbe(test.dim(), classes, p, Seeds.derive(stream, 0));
        LinearProbe sub = p.subnet() ? new LinearProbe(lastExit(test).dim(), classes, p, Seeds.derive(stream, 1)) : null;
        EpochSchedule schedule = new EpochSchedule(p.schedule(), p.lr(), p.epochs(), p.milestones(), p.gamma());
        Augmentation cropFlip = p.trainAugment() ? cropAndFlip(p) : null;

        Accuracies accuracies = new Accuracies(p.subnet());
        double loss = Double.NaN;
        int trainCount = 0;
        EarlyStopping stopping = new EarlyStopping(p.patience());
        int epochsRun = 0;
        for (int epoch = 0; epoch < p.epochs(); epoch++) {
            int[] labels;
            if (p.trainAugment()) {
                FeatureSet augmented = context.augmentedFeatures(p.trainSplit(), cropFlip, epoch);
                trainMain = rows(scaled(mainScaler, augmented.values()), augmented.dim(), trainRows);
                trainSub = p.subnet() ? scaled(subScaler, lastExit(augmented).values()) : null;
                labels = rows(augmented.labels(), trainRows);
            } else {
                labels = rows(plain.labels(), trainRows);
            }
            int count = labels.length;
            trainCount = count;
            double lr = schedule.at(epoch);
            loss = main.trainEpoch(trainMain, labels, count, epoch, lr);
            if (sub != null) {
                sub.trainEpoch(trainSub, labels, count, epoch, lr);
            }
            float[] mainLogits = main.classifier().logits(testMain, test.count());
            float[] subLogits = sub == null ? null : sub.classifier().logits(testSub, test.count());
            accuracies.record(epoch, test.labels(), classes, mainLogits, subLogits);
            epochsRun = epoch + 1;
            if (earlyStopping) {
                double validationLoss = main.classifier().meanLoss(validation, validationLabels);
                if (stopping.stop(epoch, validationLoss, Accuracies.accuracy(mainLogits, test.labels(), classes))) {
                    break;
                }
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>(accuracies.metrics());
        if (earlyStopping) {
            // the weights of the lowest validation loss, as restore_best_weights brings back
            metrics.put("top1", stopping.bestTop1());
            metrics.put("epochs", (double) epochsRun);
        }
        LOG.info("linear ({}, {}, {} lr {}, {} epochs, batch {}): {} train x {} features -> top1 {}{}, "
                + "top1_best_epoch {} (epoch {}), final train loss {}, {} s", p.preset(), p.features(), p.optimizer(),
                p.lr(), epochsRun, p.batchSize(), trainCount, test.dim(), metrics.get("top1"),
                earlyStopping ? " (lowest validation loss, epoch " + (stopping.bestEpoch() + 1) + ")" : " (last epoch)",
                metrics.get("top1_best_epoch"), accuracies.bestEpoch() + 1, loss, (System.nanoTime() - start) / 1e9);
        return metrics;
    }

    /**
     * Keras' {@code EarlyStopping(monitor="val_loss", patience, min_delta=0)}: an epoch improves when its
     * validation loss is strictly lower than the best so far; training stops once {@code patience} epochs
     * in a row have not improved. Keeps the test accuracy of the best epoch (what its weights score).
     */
    static final class EarlyStopping {
        private final int patience;
        private double bestLoss = Double.POSITIVE_INFINITY;
        private double bestTop1 = Double.NaN;
        private int bestEpoch = -1;
        private int wait;

        EarlyStopping(int patience) {
            this.patience = patience;
        }

        /** Records an epoch; true when training should stop. */
        boolean stop(int epoch, double validationLoss, double testTop1) {
            if (validationLoss < bestLoss) {
                bestLoss = validationLoss;
                bestTop1 = testTop1;
                bestEpoch = epoch;
                wait = 0;
                return false;
            }
            wait++;
            return wait >= patience;
        }

        double bestTop1() {
            return bestTop1;
        }

        int bestEpoch() {
            return bestEpoch;
        }
    }

    /** The rows {@code indices} of a row-major matrix; all of it when {@code indices} is null. */
    private static float[] rows(float[] values, int dim, int[] indices) {
        if (indices == null) {
            return values;
        }
        float[] out = new float[indices.length * dim];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * dim, out, i * dim, dim);
        }
        return out;
    }

    private static int[] rows(int[] labels, int[] indices) {
        if (indices == null) {
            return labels;
        }
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = labels[indices[i]];
        }
        return out;
    }

    /** RandomResizedCrop(own size, scale, ratio 3/4-4/3) then a horizontal flip with p 0.5. */
    private static Augmentation cropAndFlip(LinearParameters p) {
        double lo = p.cropScale().get(0);
        double hi = p.cropScale().get(1);
        HorizontalFlip flip = new HorizontalFlip(0.5);
        return (image, random) -> {
            RandomResizedCrop crop = new RandomResizedCrop(image.height(), image.width(), lo, hi, 3.0 / 4, 4.0 / 3);
            return flip.apply(crop.apply(image, random), random);
        };
    }

    private static FeatureSet lastExit(FeatureSet features) {
        return features.exits().get(features.exits().size() - 1);
    }

    private static float[] scaled(Standardizer scaler, float[] values) {
        return scaler == null ? values : scaler.apply(values);
    }
}
