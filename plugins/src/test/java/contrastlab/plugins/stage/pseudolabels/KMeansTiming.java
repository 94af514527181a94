package contrastlab.plugins.stage.pseudolabels;

import contrastlab.api.stage.FeatureMatrix;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.random.JDKRandomGenerator;

/**
 * Times one k-means++ run (K = 64, up to 300 iterations) on 50,000 x 128 features, G-SimCLR's size,
 * with this package's {@link KMeans}, commons-math3's {@code KMeansPlusPlusClusterer} and Smile
 * 2.6's {@code KMeans} (BBD-tree and plain Lloyd). Reports wall and process CPU time (the machine
 * is shared), iterations where the library tells them, and inertia. Not a test; run with
 *
 * <pre>
 * nice -n 19 mvn -B -ntp -q -pl plugins test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=contrastlab.plugins.stage.pseudolabels.KMeansTiming [-Dexec.args="own1 own2 math3 smile smile-lloyd"]
 * </pre>
 *
 * The data: 200 Gaussian blobs (unit spread, centres N(0, 0.5^2) per coordinate, so they overlap) with ReLU applied, as
 * pooled ReLU features are non-negative, so that k-means with 64 clusters needs many iterations.
 */
public final class KMeansTiming {

    private static final int N = 50_000;
    private static final int D = 128;
    private static final int K = 64;

    private KMeansTiming() {}

    public static void main(String[] args) {
        FeatureMatrix features = data();
        List<String> which = args.length == 0 ? List.of("own1", "own2", "math3", "smile", "smile-lloyd") : List.of(args);
        System.out.printf(Locale.ROOT, "%d x %d, K = %d, one k-means++ run each; %d cores%n", N, D, K,
                Runtime.getRuntime().availableProcessors());
        for (String name : which) {
            long cpu0 = cpu();
            long wall0 = System.nanoTime();
            String detail = switch (name) {
                case "own1", "own2" -> {
                    KMeans.Result r = new KMeans(K, 300, 1e-4, name.equals("own1") ? 1 : 2).fit(features, 0, 1);
                    yield "iterations " + r.iterations() + ", inertia " + fmt(r.inertia());
                }
                case "math3" -> math3(features);
                case "smile" -> smile(features, false);
                case "smile-lloyd" -> smile(features, true);
                default -> throw new IllegalArgumentException("unknown: " + name);
            };
            double wall = (System.nanoTime() - wall0) / 1e9;
            double cpu = (cpu() - cpu0) / 1e9;
            System.out.printf(Locale.ROOT, "%-12s wall %7.2f s  cpu %7.2f s  %s%n", name, wall, cpu, detail);
        }
    }

    private static String math3(FeatureMatrix f) {
        List<DoublePoint> points = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            double[] p = new double[D];
            for (int j = 0; j < D; j++) {
                p[j] = f.values()[i * D + j];
            }
            points.add(new DoublePoint(p));
        }
        JDKRandomGenerator random = new JDKRandomGenerator();
        random.setSeed(0);
        KMeansPlusPlusClusterer<DoublePoint> clusterer = new KMeansPlusPlusClusterer<>(K, 300,
                new org.apache.commons.math3.ml.distance.EuclideanDistance(), random);
        List<CentroidCluster<DoublePoint>> clusters = clusterer.cluster(points);
        double inertia = 0;
        for (CentroidCluster<DoublePoint> c : clusters) {
            double[] centre = c.getCenter().getPoint();
            for (DoublePoint p : c.getPoints()) {
                double[] v = p.getPoint();
                for (int j = 0; j < D; j++) {
                    inertia += (v[j] - centre[j]) * (v[j] - centre[j]);
                }
            }
        }
        return "inertia " + fmt(inertia) + " (no tolerance: runs until no point moves or 300 iterations)";
    }

    private static String smile(FeatureMatrix f, boolean lloyd) {
        double[][] data = new double[N][D];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                data[i][j] = f.values()[i * D + j];
            }
        }
        smile.math.MathEx.setSeed(0);
        smile.clustering.KMeans model = lloyd ? smile.clustering.KMeans.lloyd(data, K, 300, 1e-4)
                : smile.clustering.KMeans.fit(data, K, 300, 1e-4);
        return "inertia " + fmt(model.distortion);
    }

    static FeatureMatrix data() {
        SplittableRandom random = new SplittableRandom(7);
        int blobs = 200;
        double[][] centres = new double[blobs][D];
        for (double[] c : centres) {
            for (int j = 0; j < D; j++) {
                c[j] = 0.5 * gaussian(random);
            }
        }
        float[] v = new float[N * D];
        for (int i = 0; i < N; i++) {
            double[] c = centres[random.nextInt(blobs)];
            for (int j = 0; j < D; j++) {
                v[i * D + j] = (float) Math.max(0, c[j] + gaussian(random));
            }
        }
        return new FeatureMatrix(N, D, v);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
