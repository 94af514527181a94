package contrastlab.plugins.evaluate.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import contrastlab.api.evaluate.EvaluationContext;
import contrastlab.api.evaluate.EvaluatorPlugin;
import contrastlab.api.evaluate.FeatureSet;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KnnEvaluatorTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void isDiscoveredWithItsDefaults() {
        assertTrue(ServiceLoader.load(EvaluatorPlugin.class).stream().anyMatch(p -> p.type() == KnnPlugin.class));
        KnnPlugin plugin = new KnnPlugin();
        assertEquals("knn", plugin.name());
        assertEquals(new KnnParameters(200, 0.1, "train", "test", "backbone", false), plugin.defaults());
    }

    @Test
    void predictionsMatchABruteForceDoubleImplementation() {
        Random random = new Random(1);
        // features with a class signal plus noise, raw (un-normalised) scales, several chunks of rows
        int classes = 5;
        int dim = 12;
        FeatureSet train = clustered(random, 700, dim, classes, 1.5);
        FeatureSet test = clustered(random, 300, dim, classes, 1.5);
        for (int k : new int[] {1, 7, 200}) {
            for (double t : new double[] {0.1, 0.5}) {
                int[] expected = bruteForce(train, test, k, t);
                assertArrayEquals(expected, new KnnClassifier(k, t).predict(manager, train, test), "k=" + k + " t=" + t);
                // chunks of 7 test rows, the last one partial
                assertArrayEquals(expected, new KnnClassifier(k, t, 7 * 700).predict(manager, train, test));
            }
        }
    }

    @Test
    void weightingDecidesAgainstTheMajority() {
        // two far neighbours of class 0 against one very close neighbour of class 1
        FeatureSet train = new FeatureSet(3, 2, new float[] {1, 0, 0.5f, 0.5f, 0.5f, 0.52f}, new int[] {1, 0, 0}, 2);
        FeatureSet test = new FeatureSet(1, 2, new float[] {1, 0.01f}, new int[] {1}, 2);
        assertArrayEquals(new int[] {1}, new KnnClassifier(3, 0.1).predict(manager, train, test));
        // with a very high temperature the votes are nearly equal and the majority wins
        assertArrayEquals(new int[] {0}, new KnnClassifier(3, 100).predict(manager, train, test));
    }

    @Test
    void separableClassesAreClassifiedPerfectly() throws IOException {
        Random random = new Random(2);
        FeatureSet train = clustered(random, 400, 16, 4, 20);
        FeatureSet test = clustered(random, 100, 16, 4, 20);
        Map<String, Double> result = new KnnPlugin().create(new KnnParameters(20, 0.1, "train", "test", "backbone"))
                .evaluate(context(train, test));
        assertEquals(Map.of("top1", 1.0), result);
    }

    @Test
    void theFeaturesKeyMeasuresAFeatureTap() throws IOException {
        Random random = new Random(4);
        FeatureSet train = clustered(random, 400, 16, 4, 20);
        FeatureSet test = clustered(random, 100, 16, 4, 20);
        // the backbone's features carry no class signal, the tap separates the classes
        FeatureSet noiseTrain = clustered(random, 400, 16, 4, 0);
        FeatureSet noiseTest = clustered(random, 100, 16, 4, 0);
        EvaluationContext context = new EvaluationContext() {
            @Override
            public NDManager manager() {
                return manager;
            }

            @Override
            public FeatureSet features(String split) {
                return split.equals("train") ? noiseTrain : noiseTest;
            }

            @Override
            public FeatureSet features(String split, String tap) {
                if (tap.equals(BACKBONE)) {
                    return features(split);
                }
                assertEquals("projector-1", tap);
                return split.equals("train") ? train : test;
            }

            @Override
            public int epoch() {
                return 0;
            }
        };
        double tap = new KnnPlugin().create(new KnnParameters(20, 0.1, "train", "test", "projector-1"))
                .evaluate(context).get("top1");
        double backbone = new KnnPlugin().create(new KnnParameters(20, 0.1, "train", "test", "backbone"))
                .evaluate(context).get("top1");
        assertEquals(1.0, tap);
        assertTrue(backbone < 0.6, "noise features: " + backbone);
    }

    @Test
    void accuracyIsTheFractionOfCorrectPredictions() throws IOException {
        Random random = new Random(3);
        FeatureSet train = clustered(random, 200, 8, 3, 0.7);
        FeatureSet test = clustered(random, 90, 8, 3, 0.7);
        int[] expected = bruteForce(train, test, 10, 0.1);
        long correct = IntStream.range(0, test.count()).filter(i -> expected[i] == test.labels()[i]).count();
        double top1 = new KnnPlugin().create(new KnnParameters(10, 0.1, "train", "test", "backbone"))
                .evaluate(context(train, test)).get("top1");
        assertEquals((double) correct / test.count(), top1, 1e-12);
        assertTrue(top1 > 0.4 && top1 < 1.0, "a partly separable case: " + top1);
    }

    @Test
    void standardisationRescalesEveryDimensionByTheTrainStatistics() throws IOException {
        Random random = new Random(5);
        // dimension 0 carries the class at scale 0.01; dimension 1 is noise at scale 100 around an offset
        int classes = 2;
        FeatureSet train = twoScales(random, 300, classes);
        FeatureSet test = twoScales(random, 100, classes);
        double raw = new KnnPlugin().create(new KnnParameters(20, 0.1, "train", "test", "backbone", false))
                .evaluate(context(train, test)).get("top1");
        double standardised = new KnnPlugin().create(new KnnParameters(20, 0.1, "train", "test", "backbone", true))
                .evaluate(context(train, test)).get("top1");
        assertTrue(raw < 0.7, "the noise dimension dominates the raw cosine: " + raw);
        assertTrue(standardised > 0.9, "standardised, the class dimension counts as much: " + standardised);
        // equal to the plain kNN on features standardised by hand with the train split's mean and std
        FeatureSet byHandTrain = standardisedByHand(train, train);
        FeatureSet byHandTest = standardisedByHand(test, train);
        int[] expected = bruteForce(byHandTrain, byHandTest, 20, 0.1);
        long correct = IntStream.range(0, test.count()).filter(i -> expected[i] == test.labels()[i]).count();
        assertEquals((double) correct / test.count(), standardised, 1e-12);
    }

    private static FeatureSet twoScales(Random random, int count, int classes) {
        float[] values = new float[count * 2];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
            values[2 * i] = (float) (0.01 * (labels[i] == 0 ? -1 : 1) + 0.001 * random.nextGaussian());
            values[2 * i + 1] = (float) (500 + 100 * random.nextGaussian());
        }
        return new FeatureSet(count, 2, values, labels, classes);
    }

    /** (x - mean) / population std per dimension, statistics of {@code reference}, in doubles. */
    private static FeatureSet standardisedByHand(FeatureSet features, FeatureSet reference) {
        int dim = reference.dim();
        float[] out = new float[features.values().length];
        for (int d = 0; d < dim; d++) {
            double sum = 0;
            for (int i = 0; i < reference.count(); i++) {
                sum += reference.values()[i * dim + d];
            }
            double mean = sum / reference.count();
            double squares = 0;
            for (int i = 0; i < reference.count(); i++) {
                double c = reference.values()[i * dim + d] - mean;
                squares += c * c;
            }
            double std = Math.sqrt(squares / reference.count());
            for (int i = 0; i < features.count(); i++) {
                out[i * dim + d] = (float) ((features.values()[i * dim + d] - mean) / std);
            }
        }
        return new FeatureSet(features.count(), dim, out, features.labels(), features.numClasses());
    }

    @Test
    void tiesAreBrokenByLowerTrainIndexThenLowerClass() {
        // identical train vectors: the neighbour with the lower index is the nearest
        FeatureSet train = new FeatureSet(3, 2, new float[] {1, 1, 1, 1, 1, 1}, new int[] {2, 1, 0}, 3);
        FeatureSet test = new FeatureSet(1, 2, new float[] {2, 2}, new int[] {0}, 3);
        assertArrayEquals(new int[] {2}, new KnnClassifier(1, 0.1).predict(manager, train, test));
        // two equal votes: the lower class wins
        assertArrayEquals(new int[] {1}, new KnnClassifier(2, 0.1).predict(manager, train, test));
    }

    @Test
    void kLargerThanTheBankUsesEveryTrainFeature() {
        FeatureSet train = new FeatureSet(3, 2, new float[] {1, 0, 0, 1, 0.1f, 1}, new int[] {0, 1, 1}, 2);
        FeatureSet test = new FeatureSet(1, 2, new float[] {1, 0.05f}, new int[] {0}, 2);
        assertArrayEquals(new int[] {0}, new KnnClassifier(50, 0.1).predict(manager, train, test));
        assertArrayEquals(bruteForce(train, test, 3, 0.1), new KnnClassifier(50, 0.1).predict(manager, train, test));
    }

    @Test
    void mismatchedFeatureSizesAndBadParametersAreRejected() {
        FeatureSet train = new FeatureSet(1, 2, new float[] {1, 0}, new int[] {0}, 1);
        FeatureSet test = new FeatureSet(1, 3, new float[] {1, 0, 0}, new int[] {0}, 1);
        assertThrows(IllegalArgumentException.class, () -> new KnnClassifier(1, 0.1).predict(manager, train, test));
        assertThrows(IllegalArgumentException.class, () -> new KnnParameters(0, 0.1, "train", "test", "backbone"));
        assertThrows(IllegalArgumentException.class, () -> new KnnParameters(5, 0, "train", "test", "backbone"));
    }

    /** The InstDisc / MoCo-colab kNN in doubles: full sort by (similarity desc, index asc). */
    private static int[] bruteForce(FeatureSet train, FeatureSet test, int k, double t) {
        double[][] bank = normalized(train);
        double[][] queries = normalized(test);
        int kk = Math.min(k, train.count());
        int[] predicted = new int[test.count()];
        for (int q = 0; q < test.count(); q++) {
            double[] sims = new double[train.count()];
            for (int j = 0; j < train.count(); j++) {
                double s = 0;
                for (int c = 0; c < train.dim(); c++) {
                    s += queries[q][c] * bank[j][c];
                }
                sims[j] = s;
            }
            Integer[] order = IntStream.range(0, train.count()).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> -sims[j]).thenComparingInt(j -> j));
            double[] scores = new double[train.numClasses()];
            for (int r = 0; r < kk; r++) {
                int j = order[r];
                scores[train.labels()[j]] += Math.exp(sims[j] / t);
            }
            int best = 0;
            for (int c = 1; c < scores.length; c++) {
                if (scores[c] > scores[best]) {
                    best = c;
                }
            }
            predicted[q] = best;
        }
        return predicted;
    }

    private static double[][] normalized(FeatureSet set) {
        double[][] rows = new double[set.count()][set.dim()];
        for (int i = 0; i < set.count(); i++) {
            double sq = 0;
            for (int c = 0; c < set.dim(); c++) {
                double v = set.values()[i * set.dim() + c];
                sq += v * v;
            }
            double norm = Math.sqrt(sq);
            for (int c = 0; c < set.dim(); c++) {
                rows[i][c] = set.values()[i * set.dim() + c] / norm;
            }
        }
        return rows;
    }

    /** Gaussian features around one random centre per class, scaled by a random factor per row. */
    private static FeatureSet clustered(Random random, int count, int dim, int classes, double separation) {
        Random centres = new Random(99);
        double[][] centre = new double[classes][dim];
        for (double[] c : centre) {
            for (int i = 0; i < dim; i++) {
                c[i] = centres.nextGaussian() * separation;
            }
        }
        float[] values = new float[count * dim];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(classes);
            double scale = 0.5 + 3 * random.nextDouble();
            for (int c = 0; c < dim; c++) {
                values[i * dim + c] = (float) (scale * (centre[labels[i]][c] + random.nextGaussian()));
            }
        }
        return new FeatureSet(count, dim, values, labels, classes);
    }

    private EvaluationContext context(FeatureSet train, FeatureSet test) {
        return new EvaluationContext() {
            @Override
            public NDManager manager() {
                return manager;
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
            public int epoch() {
                return 0;
            }
        };
    }
}
