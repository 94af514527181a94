package contrastlab.runtime.stage;

import contrastlab.api.stage.Stage;
import contrastlab.api.stage.StageContext;
import contrastlab.api.stage.StagePlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cheap stage for the runner's tests (registered in the test service file): it records what it did
 * in {@link #EVENTS}, writes {@code out.txt}, copies in the {@code out.txt} of the stage named by
 * {@code reads}, and with {@code failOnce} leaves a checkpoint and fails on its first attempt.
 */
public final class RecordingStagePlugin implements StagePlugin<RecordingStagePlugin.Parameters> {

    /** What the stages did, e.g. "run a", "resume a", in order. */
    public static final List<String> EVENTS = new ArrayList<>();

    /**
     * @param value written to out.txt and returned as the metric {@code value}
     * @param reads the name of an earlier stage whose out.txt to append ("" = none)
     * @param failOnce fail on the first attempt after writing {@code checkpoint.txt}
     */
    public record Parameters(double value, String reads, boolean failOnce) {}

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public Class<Parameters> parametersType() {
        return Parameters.class;
    }

    @Override
    public Parameters defaults() {
        return new Parameters(1.0, "", false);
    }

    @Override
    public Stage create(Parameters p, StageContext context) {
        return () -> {
            Path dir = context.directory();
            Path checkpoint = dir.resolve("checkpoint.txt");
            String name = dir.getFileName().toString();
            boolean resumed = Files.exists(checkpoint);
            EVENTS.add((resumed ? "resume " : "run ") + name);
            if (p.failOnce() && !resumed) {
                Files.writeString(checkpoint, "half done");
                throw new IllegalStateException("interrupted " + name);
            }
            String text = Double.toString(p.value());
            if (!p.reads().isEmpty()) {
                text += " after " + Files.readString(context.outputs().directory(p.reads()).resolve("out.txt"));
            }
            Files.writeString(dir.resolve("out.txt"), text);
            return Map.of("value", p.value(), "images", (double) context.train().size());
        };
    }
}
