package contrastlab.runtime.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds NVIDIA GPUs independently of the engine, so that an unusable GPU can be reported. */
@FunctionalInterface
public interface GpuProbe {

    /** One GPU as {@code nvidia-smi} lists it. */
    record Gpu(String name, double computeCapability) {}

    List<Gpu> gpus();

    /** Asks {@code nvidia-smi}; no GPUs when it is absent or fails. */
    static GpuProbe nvidiaSmi() {
        return () -> {
            List<Gpu> gpus = new ArrayList<>();
            try {
                Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name,compute_cap", "--format=csv,noheader")
                        .redirectErrorStream(true).start();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return gpus;
                }
                if (p.exitValue() != 0) {
                    return gpus;
                }
                for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String[] parts = line.split(",");
                    if (parts.length == 2) {
                        try {
                            gpus.add(new Gpu(parts[0].trim(), Double.parseDouble(parts[1].trim())));
                        } catch (NumberFormatException e) {
                            gpus.add(new Gpu(parts[0].trim(), 0));
                        }
                    }
                }
            } catch (IOException e) {
                return gpus;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return gpus;
        };
    }
}
