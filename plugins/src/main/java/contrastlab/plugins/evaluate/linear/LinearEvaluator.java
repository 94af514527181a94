package contrastlab.plugins.evaluate.linear;

import contrastlab.api.augment.Augmentation;
import contrastlab.api.evaluate.EvaluationContext;
import contrastlab.api.evaluate.Evaluator;
import contrastlab.api.evaluate.FeatureSet;
import contrastlab.api.util.Seeds;
import contrastlab.plugins.augment.crop.RandomResizedCrop;
import contrastlab.plugins.augment.flip.HorizontalFlip;
import java.io.IOException;
import java.util.Map;
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

    LinearParameters parameters() {
        return parameters;
    }

    @Override
    public Map<String, Double> evaluate(EvaluationContext context) throws IOException {
        long start = System.nanoTime();
        LinearParameters p = parameters;
        FeatureSet test = context.features(p.testSplit());
        // the un-augmented train features: the training data, or only the standardisation statistics
        FeatureSet plain = !p.trainAugment() || p.standardize() ? context.features(p.trainSplit()) : null;
        FeatureSet reference = plain != null ? plain : test;
        if (p.subnet() && reference.exits().isEmpty()) {
            throw new IllegalArgumentException("linear subnet needs a multi-exit backbone; this one has no exits");
        }
        int classes = Math.max(test.numClasses(), reference.numClasses());
        Standardizer mainScaler = p.standardize() ? Standardizer.fit(plain.values(), plain.count(), plain.dim()) : null;
        Standardizer subScaler = p.standardize() && p.subnet()
                ? Standardizer.fit(lastExit(plain).values(), plain.count(), lastExit(plain).dim()) : null;
        float[] testMain = scaled(mainScaler, test.values());
        float[] testSub = p.subnet() ? scaled(subScaler, lastExit(test).values()) : null;
        float[] trainMain = p.trainAugment() ? null : scaled(mainScaler, plain.values());
        float[] trainSub = !p.trainAugment() && p.subnet() ? scaled(subScaler, lastExit(plain).values()) : null;

        long stream = Seeds.derive(p.seed(), context.epoch());
        LinearProbe main = new LinearProbe(test.dim(), classes, p, Seeds.derive(stream, 0));
        LinearProbe sub = p.subnet() ? new LinearProbe(lastExit(test).dim(), classes, p, Seeds.derive(stream, 1)) : null;
        EpochSchedule schedule = new EpochSchedule(p.schedule(), p.lr(), p.epochs(), p.milestones(), p.gamma());
        Augmentation cropFlip = p.trainAugment() ? cropAndFlip(p) : null;

        Accuracies accuracies = new Accuracies(p.subnet());
        double loss = Double.NaN;
        int trainCount = 0;
        for (int epoch = 0; epoch < p.epochs(); epoch++) {
            int[] labels;
            int count;
            if (p.trainAugment()) {
                FeatureSet augmented = context.augmentedFeatures(p.trainSplit(), cropFlip, epoch);
                trainMain = scaled(mainScaler, augmented.values());
                trainSub = p.subnet() ? scaled(subScaler, lastExit(augmented).values()) : null;
                labels = augmented.labels();
                count = augmented.count();
            } else {
                labels = plain.labels();
                count = plain.count();
            }
            trainCount = count;
            double lr = schedule.at(epoch);
            loss = main.trainEpoch(trainMain, labels, count, epoch, lr);
            if (sub != null) {
                sub.trainEpoch(trainSub, labels, count, epoch, lr);
            }
            float[] mainLogits = main.classifier().logits(testMain, test.count());
            float[] subLogits = sub == null ? null : sub.classifier().logits(testSub, test.count());
            accuracies.record(epoch, test.labels(), classes, mainLogits, subLogits);
        }
        Map<String, Double> metrics = accuracies.metrics();
        LOG.info("linear ({}, {} lr {}, {} epochs, batch {}): {} train x {} features -> top1 {} (last epoch), "
                + "top1_best_epoch {} (epoch {}), final train loss {}, {} s", p.preset(), p.optimizer(), p.lr(),
                p.epochs(), p.batchSize(), trainCount, test.dim(), metrics.get("top1"),
                metrics.get("top1_best_epoch"), accuracies.bestEpoch() + 1, loss, (System.nanoTime() - start) / 1e9);
        return metrics;
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
