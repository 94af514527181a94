package contrastlab.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import contrastlab.runtime.run.Checkpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a run folder with the recipe the sweep would run there. The {@code data} section (worker
 * threads, prefetch) is left out of the comparison: the images do not depend on it, and
 * {@code --workers} changes it.
 */
public final class RunInspector {

    /** The same YAML form {@code train} writes recipe.yaml in. */
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    static final Set<String> IGNORED = Set.of("data");

    private RunInspector() {}

    /**
     * The status of {@code dir} for a run whose resolved recipe is {@code planned}. A multi-stage run
     * has finished only when its summary.json carries the {@code stageMetrics} the stage runner adds
     * after the last stage: pretrain writes summary.json before any evaluate stage has run.
     */
    public static RunStatus status(Path dir, ObjectNode planned) {
        boolean summary = Files.exists(dir.resolve("summary.json"));
        if (summary && planned.path("stages").size() > 0) {
            summary = hasStageMetrics(dir.resolve("summary.json"));
        }
        boolean checkpoint = Files.exists(dir.resolve("checkpoints").resolve(Checkpoint.LAST));
        if (!summary && !checkpoint) {
            return RunStatus.NEW;
        }
        if (difference(dir, planned).isPresent()) {
            return RunStatus.CONFLICT;
        }
        return summary ? RunStatus.FINISHED : RunStatus.INTERRUPTED;
    }

    private static boolean hasStageMetrics(Path summary) {
        try {
            return SweepRunner.JSON.readTree(summary.toFile()).has("stageMetrics");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + summary + ": " + e.getMessage(), e);
        }
    }

    /** The first top-level key where the folder's recipe.yaml differs from {@code planned}, if any. */
    public static Optional<String> difference(Path dir, ObjectNode planned) {
        Path file = dir.resolve("recipe.yaml");
        if (!Files.exists(file)) {
            return Optional.of("recipe.yaml (missing)");
        }
        try {
            JsonNode existing = YAML.readTree(Files.readString(file));
            JsonNode wanted = YAML.readTree(YAML.writeValueAsString(planned));
            Set<String> keys = new TreeSet<>();
            existing.fieldNames().forEachRemaining(keys::add);
            wanted.fieldNames().forEachRemaining(keys::add);
            for (Iterator<String> it = keys.iterator(); it.hasNext();) {
                String key = it.next();
                if (!IGNORED.contains(key) && !java.util.Objects.equals(existing.get(key), wanted.get(key))) {
                    return Optional.of(key);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
