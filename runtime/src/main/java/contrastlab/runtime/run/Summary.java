package contrastlab.runtime.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import contrastlab.runtime.recipe.Recipe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json}: final and best metrics, wall time and the environment that produced them.
 *
 * @param finalMetrics the last epoch's row
 * @param bestMetrics the best value of each evaluator metric over epochs
 */
public record Summary(String name, int epochs, double wallSeconds, long trainableParameters,
        Map<String, Double> finalMetrics, Map<String, Double> bestMetrics, Map<String, String> environment) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static Summary of(Recipe recipe, MetricsLog metrics, double wallSeconds, List<Device> devices,
            long trainableParameters) {
        Map<String, Double> last = metrics.rows().isEmpty() ? Map.of() : metrics.rows().get(metrics.rows().size() - 1);
        Map<String, Double> best = new LinkedHashMap<>();
        for (String column : metrics.columns()) {
            // a sampler's statistics (sampler.*) are not scores to maximise
            if (column.contains(".") && !column.endsWith(".best") && !column.startsWith("sampler.")) {
                metrics.best(column).ifPresent(v -> best.put(column, v));
            }
        }
        return new Summary(recipe.name(), (int) (double) last.getOrDefault("epoch", 0.0), wallSeconds,
                trainableParameters, last, best, environment(devices));
    }

    /** What a figure depends on: versions, devices, threads. */
    public static Map<String, String> environment(List<Device> devices) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("java", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        Engine engine = Engine.getInstance();
        env.put("engine", engine.getEngineName() + " " + engine.getVersion());
        env.put("djl", Engine.getDjlVersion());
        env.put("devices", devices.toString());
        env.put("OMP_NUM_THREADS", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        env.put("MXNET_ENGINE_TYPE", String.valueOf(System.getenv("MXNET_ENGINE_TYPE")));
        return env;
    }

    public void write(Path file) throws IOException {
        RunDirectory.writeAtomically(file, JSON.writeValueAsString(this));
    }
}
