package contrastlab.runtime.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run's folder: {@code recipe.yaml}, {@code metrics.csv}, {@code checkpoints/}, {@code summary.json},
 * {@code plots/}. Every file is written to a temporary file first and renamed, so a crash never
 * leaves a half-written result.
 */
public record RunDirectory(Path path) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** A new folder {@code base/name/timestamp} (suffixed when it already exists). */
    public static RunDirectory createUnder(Path base, String name) {
        Path parent = base.resolve(name);
        String stamp = LocalDateTime.now().format(STAMP);
        Path dir = parent.resolve(stamp);
        for (int i = 2; Files.exists(dir); i++) {
            dir = parent.resolve(stamp + "-" + i);
        }
        return at(dir);
    }

    /** The folder {@code dir}, created if needed. */
    public static RunDirectory at(Path dir) {
        try {
            Files.createDirectories(dir.resolve("checkpoints"));
            Files.createDirectories(dir.resolve("plots"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + dir + ": " + e.getMessage(), e);
        }
        return new RunDirectory(dir);
    }

    /**
     * The newest run of {@code name} under {@code base} that has a checkpoint or, for a multi-stage
     * recipe, a {@code stages/} folder (interrupted before pretrain).
     */
    public static Optional<RunDirectory> latest(Path base, String name) {
        Path parent = base.resolve(name);
        if (!Files.isDirectory(parent)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(parent)) {
            return runs.filter(p -> Files.exists(p.resolve("checkpoints").resolve(Checkpoint.LAST))
                            || Files.isDirectory(p.resolve("stages")))
                    .max(Comparator.comparing(p -> p.getFileName().toString()))
                    .map(RunDirectory::new);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Path recipe() {
        return path.resolve("recipe.yaml");
    }

    public Path metrics() {
        return path.resolve("metrics.csv");
    }

    public Path summary() {
        return path.resolve("summary.json");
    }

    public Path checkpoints() {
        return path.resolve("checkpoints");
    }

    public Path plots() {
        return path.resolve("plots");
    }

    /** Writes {@code text} to {@code target} through a temporary file and an atomic rename. */
    public static void writeAtomically(Path target, String text) throws IOException {
        writeAtomically(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Streams content to a temporary file beside {@code target}, then renames it over {@code target}. */
    public static void writeAtomically(Path target, Writer writer) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
                writer.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Content written into a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(java.io.OutputStream out) throws IOException;
    }
}
