package contrastlab.runtime.stage;

import contrastlab.api.sampler.Sampler;
import contrastlab.api.sampler.SamplerContext;
import contrastlab.api.sampler.SamplerPlugin;
import contrastlab.api.stage.Artifacts;
import contrastlab.api.stage.FeatureMatrix;
import contrastlab.api.stage.StageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test sampler (registered in the test service file) that, like G-SimCLR's, needs an earlier stage's
 * output: it reads the {@code features.bin} of stage {@code stage}, requires one row per training image
 * and batches the images in index order, reporting the feature dimension as an epoch metric.
 */
public final class StageReadingSamplerPlugin implements SamplerPlugin<StageReadingSamplerPlugin.Parameters> {

    /** @param stage the stage whose features it reads */
    public record Parameters(String stage) {}

    @Override
    public String name() {
        return "stage-reading";
    }

    @Override
    public Class<Parameters> parametersType() {
        return Parameters.class;
    }

    @Override
    public Parameters defaults() {
        return new Parameters(null);
    }

    @Override
    public Sampler create(Parameters p, SamplerContext context) {
        FeatureMatrix features;
        try {
            features = Artifacts.readFeatures(context.stages().directory(p.stage()).resolve(Artifacts.FEATURES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int size = context.dataset().size();
        if (features.count() != size) {
            throw new StageException(features.count() + " feature rows for " + size + " images");
        }
        int batch = context.batchSize();
        return new Sampler() {
            @Override
            public List<int[]> batches(int epoch) {
                List<int[]> batches = new ArrayList<>();
                for (int start = 0; start + batch <= size; start += batch) {
                    int[] b = new int[batch];
                    for (int i = 0; i < batch; i++) {
                        b[i] = start + i;
                    }
                    batches.add(b);
                }
                return batches;
            }

            @Override
            public Map<String, Double> epochMetrics(int epoch) {
                return Map.of("feature_dim", (double) features.dim());
            }
        };
    }
}
