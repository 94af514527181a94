package contrastlab.runtime.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of this JVM from {@code /proc/self/status} (Linux). The native heap (MXNet arrays,
 * glibc arenas) is invisible to the Java heap counters, so leaks show only here.
 */
public final class ProcessMemory {

    private ProcessMemory() {}

    /** Current resident set (VmRSS) in KiB, 0 where unavailable. */
    public static long residentKiB() {
        return statusField("VmRSS:");
    }

    /** Peak resident set (VmHWM) in KiB, 0 where unavailable. */
    public static long peakKiB() {
        return statusField("VmHWM:");
    }

    private static long statusField(String prefix) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith(prefix)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
