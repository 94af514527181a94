package contrastlab.runtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceSelectionTest {

    private static final GpuProbe NONE = List::of;
    private static final GpuProbe HOPPER = () -> List.of(new GpuProbe.Gpu("NVIDIA H100 80GB HBM3", 9.0));
    private static final GpuProbe AMPERE = () -> List.of(new GpuProbe.Gpu("NVIDIA A100-SXM4-40GB", 8.0));

    @Test
    void autoWithoutGpuIsSilentCpu() {
        DeviceSelection s = DeviceSelection.resolve("auto", 0, NONE);
        assertEquals(List.of(Device.cpu()), s.devices());
        assertTrue(s.warning().isEmpty());
    }

    @Test
    void autoWithHopperExplainsTheComputeCapability() {
        DeviceSelection s = DeviceSelection.resolve("auto", 0, HOPPER);
        assertEquals(List.of(Device.cpu()), s.devices());
        String w = s.warning().orElseThrow();
        assertTrue(w.contains("H100") && w.contains("9.0") && w.contains("8.6") && w.contains("training on CPU"), w);
        assertEquals(1, w.lines().count());
    }

    @Test
    void autoWithSupportedGpuButNoCudaNativeSaysHowToFix() {
        String w = DeviceSelection.resolve("auto", 0, AMPERE).warning().orElseThrow();
        assertTrue(w.contains("CUDA 11.2/10.2") && w.contains("fix:"), w);
    }

    @Test
    void explicitGpuThatCannotBeUsedFails() {
        DeviceException e = assertThrows(DeviceException.class, () -> DeviceSelection.resolve("gpu", 0, HOPPER));
        assertTrue(e.getMessage().contains("set devices: cpu"), e.getMessage());
        assertThrows(DeviceException.class, () -> DeviceSelection.resolve("gpu:0", 0, NONE));
    }

    @Test
    void gpuListsAndSeveralCpus() {
        assertEquals(List.of(Device.gpu(0), Device.gpu(1)), DeviceSelection.resolve("auto", 2, NONE).devices());
        assertEquals(List.of(Device.gpu(1)), DeviceSelection.resolve("gpu:1", 2, NONE).devices());
        assertThrows(DeviceException.class, () -> DeviceSelection.resolve("gpu:3", 2, NONE));
    }
}
