package contrastlab.plugins.stage.pseudolabels;

import contrastlab.api.stage.Artifacts;
import contrastlab.api.stage.FeatureMatrix;
import contrastlab.api.stage.Stage;
import contrastlab.api.stage.StageContext;
import contrastlab.api.stage.StageException;
import contrastlab.api.stage.StagePlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code pseudo-labels} stage (G-SimCLR): k-means on an earlier stage's image features; writes
 * each training image's cluster to {@code labels.csv} for the {@code pseudo-label-stratified} sampler.
 */
public final class PseudoLabelsPlugin implements StagePlugin<PseudoLabelsParameters> {

    @Override
    public String name() {
        return "pseudo-labels";
    }

    @Override
    public Class<PseudoLabelsParameters> parametersType() {
        return PseudoLabelsParameters.class;
    }

    @Override
    public PseudoLabelsParameters defaults() {
        return new PseudoLabelsParameters("autoencoder", 0, 10, 300, 1e-4);
    }

    @Override
    public String description() {
        return "k-means++ (scikit-learn's defaults) on an earlier stage's features -> labels.csv; clusters 0 = batchSize";
    }

    @Override
    public Stage create(PseudoLabelsParameters parameters, StageContext context) {
        return () -> run(parameters, context);
    }

    private static Map<String, Double> run(PseudoLabelsParameters p, StageContext context) throws java.io.IOException {
        Path file = context.outputs().directory(p.from()).resolve(Artifacts.FEATURES);
        if (!Files.isRegularFile(file)) {
            throw new StageException("stage '" + p.from() + "' left no " + Artifacts.FEATURES + " (" + file + "); set"
                    + " pseudo-labels 'from' to a stage that writes image features");
        }
        FeatureMatrix features = Artifacts.readFeatures(file);
        int images = context.train().size();
        if (features.count() != images) {
            throw new StageException(file + " holds " + features.count() + " feature rows but the training split has "
                    + images + " images; run stage '" + p.from() + "' again on this dataset");
        }
        int clusters = p.clusters() == 0 ? context.batchSize() : p.clusters();
        if (clusters > images) {
            throw new StageException("pseudo-labels clusters " + clusters + " exceeds the " + images
                    + " training images; lower pseudo-labels clusters (0 = batchSize)");
        }
        int threads = Math.max(1, context.workers());
        context.log("k-means: " + images + " x " + features.dim() + " features, K = " + clusters + ", "
                + p.restarts() + " restart(s), " + threads + " thread(s)");
        long start = System.nanoTime();
        KMeans.Result result = new KMeans(clusters, p.maxIterations(), p.tolerance(), threads)
                .fit(features, context.seed(), p.restarts());
        int[] sizes = result.sizes(clusters);
        Artifacts.writeLabels(context.directory().resolve(Artifacts.LABELS), result.labels());
        context.log(String.format(java.util.Locale.ROOT,
                "k-means: inertia %.6g after %d iterations (restart %d), cluster sizes %d-%d, %.1f s",
                result.inertia(), result.iterations(), result.restart(), Arrays.stream(sizes).min().orElse(0),
                Arrays.stream(sizes).max().orElse(0), (System.nanoTime() - start) / 1e9));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("inertia", result.inertia());
        metrics.put("iterations", (double) result.iterations());
        metrics.put("cluster_min", (double) Arrays.stream(sizes).min().orElse(0));
        metrics.put("cluster_max", (double) Arrays.stream(sizes).max().orElse(0));
        return metrics;
    }
}
