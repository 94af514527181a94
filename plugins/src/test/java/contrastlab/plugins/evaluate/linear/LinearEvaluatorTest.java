package contrastlab.plugins.evaluate.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import contrastlab.api.augment.Augmentation;
import contrastlab.api.augment.Image;
import contrastlab.api.evaluate.EvaluationContext;
import contrastlab.api.evaluate.FeatureSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearEvaluatorTest {

    private static final LinearParameters DEFAULTS = new LinearPlugin().defaults();

    /** Gaussian clusters around random centres {@code separation} apart (per dimension scale). */
    static FeatureSet clusters(long seed, int count, int dim, int classes, double separation) {
        Random centres = new Random(42);
        double[][] centre = new double[classes][dim];
        for (double[] c : centre) {
            for (int d = 0; d < dim; d++) {
                c[d] = separation * centres.nextGaussian();
            }
        }
        Random random = new Random(seed);
        float[] values = new float[count * dim];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
            for (int d = 0; d < dim; d++) {
                // a large offset and scale that standardisation has to undo
                values[i * dim + d] = (float) (100 + 20 * (centre[labels[i]][d] + random.nextGaussian()));
            }
        }
        return new FeatureSet(count, dim, values, labels, classes);
    }

    static FeatureSet noise(long seed, FeatureSet like) {
        Random random = new Random(seed);
        float[] values = new float[like.values().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return new FeatureSet(like.count(), like.dim(), values, like.labels(), like.numClasses());
    }

    static FeatureSet withExits(FeatureSet features, FeatureSet... exits) {
        return new FeatureSet(features.count(), features.dim(), features.values(), features.labels(),
                features.numClasses(), List.of(exits));
    }

    /** A context over fixed feature sets; augmented re-encodings are answered by {@code augmented}. */
    static class FakeContext implements EvaluationContext {
        final FeatureSet train;
        final FeatureSet test;
        final List<Integer> draws = new ArrayList<>();
        final List<Augmentation> augmentations = new ArrayList<>();

        FakeContext(FeatureSet train, FeatureSet test) {
            this.train = train;
            this.test = test;
        }

        @Override
        public NDManager manager() {
            throw new UnsupportedOperationException("the linear evaluator needs no engine arrays");
        }

        @Override
        public FeatureSet features(String split) {
            return switch (split) {
                case "train" -> train;
                case "test" -> test;
                default -> throw new IllegalArgumentException(split);
            };
        }

        @Override
        public FeatureSet augmentedFeatures(String split, Augmentation augmentation, int draw) {
            assertEquals("train", split);
            draws.add(draw);
            augmentations.add(augmentation);
            return train;
        }

        @Override
        public int epoch() {
            return 3;
        }
    }

    private static LinearParameters with(String preset, String optimizer, double lr, int batchSize, int epochs,
            String schedule, boolean standardize, boolean trainAugment, boolean subnet) {
        LinearParameters d = DEFAULTS;
        return new LinearParameters(preset, optimizer, lr, d.momentum(), d.weightDecay(), batchSize, epochs, schedule,
                d.milestones(), d.gamma(), standardize, trainAugment, d.cropScale(), d.shuffle(), d.dropLast(), subnet,
                d.trainSplit(), d.testSplit(), d.seed(), d.features(), d.validationFraction(), d.patience());
    }

    private static LinearParameters earlyStopping(String features, double validationFraction, int patience, int epochs) {
        LinearParameters d = DEFAULTS;
        return new LinearParameters("none", "adam", 0.01, d.momentum(), 0.0, 64, epochs, "constant", d.milestones(),
                d.gamma(), true, false, d.cropScale(), true, false, false, d.trainSplit(), d.testSplit(), d.seed(),
                features, validationFraction, patience);
    }

    @Test
    void earlyStoppingFollowsKerasPatienceOnTheValidationLoss() {
        LinearEvaluator.EarlyStopping stopping = new LinearEvaluator.EarlyStopping(2);
        assertFalse(stopping.stop(0, 1.0, 0.5));
        assertFalse(stopping.stop(1, 0.8, 0.6));
        assertFalse(stopping.stop(2, 0.8, 0.9), "equal is no improvement: wait 1");
        assertFalse(stopping.stop(3, 0.7, 0.7), "an improvement resets the wait");
        assertFalse(stopping.stop(4, 0.75, 0.95));
        assertTrue(stopping.stop(5, 0.71, 0.99), "two epochs in a row without improvement");
        assertEquals(3, stopping.bestEpoch());
        assertEquals(0.7, stopping.bestTop1(), "the restored weights' test accuracy, not the best test accuracy");
    }

    @Test
    void earlyStoppingHoldsOutAStratifiedPartAndReportsTheRestoredEpoch() throws Exception {
        FeatureSet train = clusters(1, 900, 16, 3, 0.3);
        FeatureSet test = clusters(2, 300, 16, 3, 0.3);
        Map<String, Double> m = new LinearPlugin().create(earlyStopping("backbone", 0.1, 2, 60))
                .evaluate(new FakeContext(train, test));
        double epochs = m.get("epochs");
        assertTrue(epochs >= 3 && epochs < 60, "stopped early: " + m);
        assertTrue(m.get("top1") <= m.get("top1_best_epoch"), m.toString());
        assertTrue(m.get("top1") > 0.6, m.toString());
        assertEquals(List.of("top1", "top1_best_epoch", "epochs"), List.copyOf(m.keySet()));
    }

    @Test
    void featuresKeyReadsTheNamedTapAndGsimclrPresetSetsTheKerasProtocol() throws Exception {
        LinearParameters d = DEFAULTS;
        LinearParameters gsimclr = LinearPlugin.resolve(new LinearParameters("gsimclr", d.optimizer(), d.lr(),
                d.momentum(), d.weightDecay(), d.batchSize(), d.epochs(), d.schedule(), d.milestones(), d.gamma(),
                d.standardize(), d.trainAugment(), d.cropScale(), d.shuffle(), d.dropLast(), d.subnet(), d.trainSplit(),
                d.testSplit(), d.seed(), "projector-2", d.validationFraction(), d.patience()));
        assertEquals("adam", gsimclr.optimizer());
        assertEquals(1e-3, gsimclr.lr());
        assertEquals(0.0, gsimclr.weightDecay());
        assertEquals(64, gsimclr.batchSize());
        assertEquals(100, gsimclr.epochs());
        assertEquals(false, gsimclr.standardize(), "G-SimCLR feeds the raw features to its Dense layer");
        assertEquals(true, gsimclr.shuffle());
        assertEquals(false, gsimclr.dropLast());
        assertEquals(0.1, gsimclr.validationFraction());
        assertEquals(2, gsimclr.patience());
        assertEquals("projector-2", gsimclr.features(), "the recipe's tap is kept");

        FeatureSet separable = clusters(1, 600, 8, 3, 3.0);
        FeatureSet noise = noise(3, separable);
        List<String> asked = new ArrayList<>();
        FakeContext context = new FakeContext(noise, noise(4, clusters(2, 300, 8, 3, 3.0))) {
            @Override
            public FeatureSet features(String split, String tap) {
                asked.add(split + ":" + tap);
                return split.equals("train") ? separable : clusters(2, 300, 8, 3, 3.0);
            }
        };
        Map<String, Double> m = new LinearPlugin().create(earlyStopping("projector-2", 0.1, 2, 30)).evaluate(context);
        assertTrue(asked.contains("train:projector-2") && asked.contains("test:projector-2"), asked.toString());
        assertTrue(m.get("top1") >= 0.95, m.toString());
        assertThrows(IllegalArgumentException.class, () -> earlyStopping("backbone", 0.1, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> earlyStopping("backbone", 0.0, 2, 10));
    }

    @Test
    void separableFeaturesAreClassifiedAlmostPerfectlyWithAdamAndWithSgd() throws Exception {
        FeatureSet train = clusters(1, 900, 16, 3, 1.0);
        FeatureSet test = clusters(2, 300, 16, 3, 1.0);
        FakeContext context = new FakeContext(train, test);
        Map<String, Double> adam = new LinearPlugin().create(with("none", "adam", 0.01, 64, 10, "constant", true,
                false, false)).evaluate(context);
        assertTrue(adam.get("top1") >= 0.99, adam.toString());
        Map<String, Double> sgd = new LinearPlugin().create(with("none", "sgd", 0.1, 32, 10, "cosine", true, false,
                false)).evaluate(context);
        assertTrue(sgd.get("top1") >= 0.99, sgd.toString());
        assertTrue(context.draws.isEmpty(), "no augmentation was asked for");
    }

    @Test
    void withoutStandardisationLargeOffsetFeaturesTrainWorseAtTheSameSettings() throws Exception {
        // the standardisation is what makes the offset-100, scale-20 features easy for Adam at lr 0.01
        FeatureSet train = clusters(1, 900, 16, 3, 0.15);
        FeatureSet test = clusters(2, 300, 16, 3, 0.15);
        FakeContext context = new FakeContext(train, test);
        double standardized = new LinearPlugin().create(with("none", "adam", 0.01, 64, 5, "constant", true, false,
                false)).evaluate(context).get("top1");
        double raw = new LinearPlugin().create(with("none", "adam", 0.01, 64, 5, "constant", false, false, false))
                .evaluate(context).get("top1");
        assertTrue(standardized > raw + 0.1, standardized + " vs " + raw);
    }

    @Test
    void presetsFillTheKeysTheRecipeLeftAtTheirDefaults() {
        LinearParameters d = DEFAULTS;
        LinearParameters selfcon = LinearPlugin.resolve(with("selfcon", d.optimizer(), d.lr(), d.batchSize(),
                d.epochs(), d.schedule(), d.standardize(), d.trainAugment(), false));
        assertEquals("sgd", selfcon.optimizer());
        assertEquals(3.0, selfcon.lr());
        assertEquals(0.9, selfcon.momentum());
        assertEquals(0.0, selfcon.weightDecay());
        assertEquals(512, selfcon.batchSize());
        assertEquals(100, selfcon.epochs());
        assertEquals("step", selfcon.schedule());
        assertEquals(List.of(60, 80), selfcon.milestones());
        assertEquals(0.1, selfcon.gamma());
        assertEquals(false, selfcon.standardize());
        assertEquals(true, selfcon.trainAugment());
        assertEquals(List.of(0.2, 1.0), selfcon.cropScale());

        LinearParameters scat = LinearPlugin.resolve(with("scatsimclr", d.optimizer(), d.lr(), d.batchSize(),
                d.epochs(), d.schedule(), d.standardize(), d.trainAugment(), false));
        assertEquals("adam", scat.optimizer());
        assertEquals(3e-4, scat.lr());
        assertEquals(1e-4, scat.weightDecay());
        assertEquals(64, scat.batchSize());
        assertEquals(100, scat.epochs());
        assertEquals("constant", scat.schedule());
        assertEquals(true, scat.standardize());
        assertEquals(false, scat.trainAugment());
        assertEquals(false, scat.shuffle());
        assertEquals(true, scat.dropLast());

        // keys the recipe changed win over the preset
        LinearParameters shortSelfcon = LinearPlugin.resolve(with("selfcon", d.optimizer(), 0.5, 128, 10,
                d.schedule(), d.standardize(), d.trainAugment(), true));
        assertEquals(0.5, shortSelfcon.lr());
        assertEquals(128, shortSelfcon.batchSize());
        assertEquals(10, shortSelfcon.epochs());
        assertEquals(true, shortSelfcon.subnet());
        assertEquals("sgd", shortSelfcon.optimizer());
        assertEquals(d, LinearPlugin.resolve(d), "preset none changes nothing");
        assertEquals("sgd", ((LinearEvaluator) new LinearPlugin().create(with("selfcon", d.optimizer(), d.lr(),
                d.batchSize(), d.epochs(), d.schedule(), d.standardize(), d.trainAugment(), false)))
                .parameters().optimizer(), "create applies the preset");
    }

    @Test
    void invalidSettingsAreRejectedByTheRecord() {
        assertThrows(IllegalArgumentException.class, () -> with("scat", "adam", 0.1, 8, 1, "constant", true, false, false));
        assertThrows(IllegalArgumentException.class, () -> with("none", "lars", 0.1, 8, 1, "constant", true, false, false));
        assertThrows(IllegalArgumentException.class, () -> with("none", "adam", 0.1, 8, 1, "poly", true, false, false));
        assertThrows(IllegalArgumentException.class, () -> with("none", "adam", 0, 8, 1, "constant", true, false, false));
    }

    @Test
    void ensembleIsTheMeanOfTheTwoClassifiersLogits() {
        Accuracies accuracies = new Accuracies(true);
        // main says 0, sub says 1, their mean says 2, the label
        accuracies.record(0, new int[] {2}, 3, new float[] {2, 0, 1.5f}, new float[] {0, 2, 1.5f});
        Map<String, Double> m = accuracies.metrics();
        assertEquals(0.0, m.get("top1"));
        assertEquals(0.0, m.get("sub_top1"));
        assertEquals(1.0, m.get("ensemble_top1"));
        // a vote or a max of probabilities would differ: the mean of logits {3, -1, 0} and {-1, 0.5, 0} picks 0
        Accuracies second = new Accuracies(true);
        second.record(0, new int[] {0}, 3, new float[] {3, -1, 0}, new float[] {-1, 0.5f, 0});
        assertEquals(1.0, second.metrics().get("ensemble_top1"));
        assertEquals(0.0, second.metrics().get("sub_top1"));
    }

    @Test
    void finalAndBestEpochAccuraciesAreReportedUnderTheirOwnNames() {
        Accuracies accuracies = new Accuracies(false);
        int[] labels = {0, 1};
        accuracies.record(0, labels, 2, new float[] {1, 0, 0, 1}, null); // 2/2
        accuracies.record(1, labels, 2, new float[] {1, 0, 1, 0}, null); // 1/2
        accuracies.record(2, labels, 2, new float[] {0, 1, 1, 0}, null); // 0/2
        Map<String, Double> m = accuracies.metrics();
        assertEquals(0.0, m.get("top1"), "top1 is the last linear epoch");
        assertEquals(1.0, m.get("top1_best_epoch"), "the best epoch, selected on the test split");
        assertEquals(0, accuracies.bestEpoch());
        assertEquals(List.of("top1", "top1_best_epoch"), List.copyOf(m.keySet()));
    }

    @Test
    void subnetTrainsOnTheLastExitAndReportsSubAndEnsemble() throws Exception {
        FeatureSet trainGood = clusters(1, 600, 8, 3, 3.0);
        FeatureSet testGood = clusters(2, 300, 8, 3, 3.0);
        // final features are noise, the first exit is noise, the last exit separates the classes
        FeatureSet train = withExits(noise(3, trainGood), noise(4, trainGood), trainGood);
        FeatureSet test = withExits(noise(5, testGood), noise(6, testGood), testGood);
        Map<String, Double> m = new LinearPlugin().create(with("none", "adam", 0.01, 64, 8, "constant", true, false,
                true)).evaluate(new FakeContext(train, test));
        assertTrue(m.get("sub_top1") >= 0.99, m.toString());
        assertTrue(m.get("top1") < 0.6, m.toString());
        assertTrue(m.containsKey("ensemble_top1") && m.containsKey("ensemble_top1_best_epoch")
                && m.containsKey("sub_top1_best_epoch"), m.toString());
        assertTrue(m.get("sub_top1_best_epoch") >= m.get("sub_top1"));

        IllegalArgumentException noExits = assertThrows(IllegalArgumentException.class,
                () -> new LinearPlugin().create(with("none", "adam", 0.01, 64, 1, "constant", true, false, true))
                        .evaluate(new FakeContext(trainGood, testGood)));
        assertTrue(noExits.getMessage().contains("exits"), noExits.getMessage());
    }

    @Test
    void trainAugmentEncodesTheTrainSplitAgainEveryEpochThroughCropAndFlip() throws Exception {
        FakeContext context = new FakeContext(clusters(1, 300, 8, 3, 3.0), clusters(2, 150, 8, 3, 3.0));
        Map<String, Double> m = new LinearPlugin().create(with("none", "adam", 0.01, 64, 4, "constant", true, true,
                false)).evaluate(context);
        assertEquals(List.of(0, 1, 2, 3), context.draws, "one fresh draw per linear epoch");
        assertTrue(m.get("top1") >= 0.95, m.toString());
        // the augmentation keeps the size, crops and flips: over a few draws an asymmetric image changes
        Augmentation augmentation = context.augmentations.get(0);
        Image image = Image.blank(1, 6, 6);
        for (int i = 0; i < image.pixels().length; i++) {
            image.pixels()[i] = (i % 6) / 5f;
        }
        int changed = 0;
        for (int seed = 0; seed < 8; seed++) {
            Image out = augmentation.apply(image.copy(), new SplittableRandom(seed));
            assertEquals(image.shape(), out.shape());
            if (!java.util.Arrays.equals(out.pixels(), image.pixels())) {
                changed++;
            }
        }
        assertTrue(changed >= 6, changed + " of 8 draws changed the image");
    }

    @Test
    void softmaxGradientMatchesFiniteDifferences() {
        SoftmaxClassifier c = SoftmaxClassifier.initialized(3, 4, new SplittableRandom(7));
        float[] x = {0.5f, -1f, 2f, 1f, 0f, -0.5f, -2f, 1.5f, 0.25f};
        int[] labels = {1, 3, 0};
        int[] order = {0, 1, 2};
        float[] gradient = new float[c.parameters().length];
        double loss = c.lossAndGradient(x, labels, order, 0, 3, gradient);
        assertTrue(loss > 0);
        float[] scratch = new float[gradient.length];
        for (int i = 0; i < gradient.length; i++) {
            float keep = c.parameters()[i];
            double h = 1e-2;
            c.parameters()[i] = (float) (keep + h);
            double plus = c.lossAndGradient(x, labels, order, 0, 3, scratch);
            c.parameters()[i] = (float) (keep - h);
            double minus = c.lossAndGradient(x, labels, order, 0, 3, scratch);
            c.parameters()[i] = keep;
            assertEquals((plus - minus) / (2 * h), gradient[i], 2e-3, "parameter " + i);
        }
    }

    @Test
    void optimizersFollowPyTorchsUpdateRules() {
        // SGD, momentum 0.9, wd 0.1: g' = g + wd w; v = 0.9 v + g'; w -= lr v
        ParameterUpdate sgd = new ParameterUpdate("sgd", 0.9, 0.1, 1);
        float[] w = {1f};
        sgd.apply(w, new float[] {0.5f}, 0.1); // g' = 0.6, v = 0.6, w = 0.94
        assertEquals(0.94f, w[0], 1e-6f);
        sgd.apply(w, new float[] {0.5f}, 0.1); // g' = 0.594, v = 1.134, w = 0.8266
        assertEquals(0.8266f, w[0], 1e-6f);
        // Adam: the first step moves every weight by lr (sign of the gradient)
        ParameterUpdate adam = new ParameterUpdate("adam", 0, 0, 2);
        float[] a = {1f, 1f};
        adam.apply(a, new float[] {0.3f, -2f}, 0.01);
        assertArrayEquals(new float[] {0.99f, 1.01f}, a, 1e-6f);
        // second step, g = 0.1: m = 0.9*0.03 + 0.01 = 0.037, v = 0.999*9e-5 + 1e-5, bias-corrected
        adam.apply(a, new float[] {0.1f, 0f}, 0.01);
        double m = 0.037 / (1 - 0.81);
        double v = (0.999 * 0.3 * 0.3 * 0.001 + 0.001 * 0.01) / (1 - 0.999 * 0.999);
        assertEquals(0.99 - 0.01 * m / (Math.sqrt(v) + 1e-8), a[0], 1e-6);
    }

    @Test
    void schedulesGiveTheRateOfEachEpoch() {
        EpochSchedule step = new EpochSchedule("step", 3.0, 100, List.of(60, 80), 0.1);
        assertEquals(3.0, step.at(0));
        assertEquals(3.0, step.at(59));
        assertEquals(0.3, step.at(60), 1e-12);
        assertEquals(0.03, step.at(80), 1e-12);
        EpochSchedule cosine = new EpochSchedule("cosine", 1.0, 10, List.of(), 0.1);
        assertEquals(1.0, cosine.at(0));
        assertEquals(0.5, cosine.at(5), 1e-12);
        assertEquals(0.25 * 1.0 * (1 + Math.cos(Math.PI * 0.9)) * 2, cosine.at(9), 1e-12);
        assertNotEquals(cosine.at(8), cosine.at(9));
        assertEquals(0.2, new EpochSchedule("constant", 0.2, 5, List.of(), 0.1).at(4));
    }
}
