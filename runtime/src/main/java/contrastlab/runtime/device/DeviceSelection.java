package contrastlab.runtime.device;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the recipe's {@code devices:} into engine devices, and says in one line why a GPU that is
 * present is not used (DJL's MXNet engine silently falls back to CPU).
 *
 * @param devices the devices to train on; the first holds the loss and the optimizer's reference copy
 * @param warning a line to show the user, when a GPU is present but unusable
 */
public record DeviceSelection(List<Device> devices, Optional<String> warning) {

    /** Highest compute capability MXNet 1.9.1's CUDA builds support. */
    static final double MAX_COMPUTE_CAPABILITY = 8.6;

    /**
     * @param spec auto, cpu, gpu or gpu:0,1
     * @param engineGpuCount GPUs the engine can use
     */
    public static DeviceSelection resolve(String spec, int engineGpuCount, GpuProbe probe) {
        if (spec.equals("cpu")) {
            return new DeviceSelection(List.of(Device.cpu()), Optional.empty());
        }
        if (engineGpuCount > 0) {
            List<Device> gpus = new ArrayList<>();
            if (spec.startsWith("gpu:")) {
                for (String id : spec.substring(4).split(",")) {
                    int i = Integer.parseInt(id.trim());
                    if (i >= engineGpuCount) {
                        throw new DeviceException("devices: " + spec + " names GPU " + i + " but the engine sees "
                                + engineGpuCount + "; use ids below " + engineGpuCount);
                    }
                    gpus.add(Device.gpu(i));
                }
            } else {
                for (int i = 0; i < engineGpuCount; i++) {
                    gpus.add(Device.gpu(i));
                }
            }
            return new DeviceSelection(List.copyOf(gpus), Optional.empty());
        }
        Optional<String> reason = whyNoGpu(probe.gpus());
        if (spec.equals("auto")) {
            return new DeviceSelection(List.of(Device.cpu()), reason.map(r -> r + "; training on CPU"));
        }
        throw new DeviceException("devices: " + spec + " but no GPU is usable: "
                + reason.orElse("no NVIDIA GPU found (nvidia-smi lists none)") + "; set devices: cpu or auto");
    }

    private static Optional<String> whyNoGpu(List<GpuProbe.Gpu> gpus) {
        if (gpus.isEmpty()) {
            return Optional.empty();
        }
        GpuProbe.Gpu gpu = gpus.get(0);
        if (gpu.computeCapability() > MAX_COMPUTE_CAPABILITY) {
            return Optional.of(String.format("GPU %s (compute capability %.1f) is newer than MXNet 1.9.1 supports "
                    + "(up to %.1f); fix: run on a GPU up to SM %.1f (e.g. A100, A10, RTX 30xx), or set devices: cpu",
                    gpu.name(), gpu.computeCapability(), MAX_COMPUTE_CAPABILITY, MAX_COMPUTE_CAPABILITY));
        }
        return Optional.of("GPU " + gpu.name() + " found but the MXNet engine has no CUDA native for it "
                + "(Maven Central has only the CPU build; DJL downloads the CUDA 11.2/10.2 build at run time when online); "
                + "fix: install CUDA 11.2 or 10.2 and run once with network access, or set devices: cpu");
    }
}
