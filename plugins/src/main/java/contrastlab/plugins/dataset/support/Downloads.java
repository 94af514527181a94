package contrastlab.plugins.dataset.support;

import contrastlab.api.dataset.DatasetException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checked downloads: fetch to a temporary file next to the target, verify the checksum, then rename, so
 * an interrupted or corrupt download never leaves a file that looks complete. Archives ({@code .tar.gz})
 * are unpacked with a guard against entries that would land outside the dataset root.
 */
public final class Downloads {

    private static final Logger LOG = LoggerFactory.getLogger(Downloads.class);
    private static final int BUFFER = 1 << 16;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Bytes between two progress lines of a download (STL-10 is 2.6 GB). */
    private static final long PROGRESS_STEP = 256L << 20;

    private Downloads() {}

    /**
     * The checksum to verify {@code file} against: the user's override from {@code checksums} if it has
     * one, else the official one.
     */
    public static String checksumFor(String file, Map<String, String> checksums, Map<String, String> official) {
        String value = checksums == null ? null : checksums.get(file);
        if (value == null || value.isBlank()) {
            value = official.get(file);
        }
        if (value == null) {
            throw new IllegalArgumentException("dataset.checksums has no entry for " + file);
        }
        return value;
    }

    /** The digest algorithm a hex checksum implies by its length: 32 digits MD5, 64 digits SHA-256. */
    static String algorithmOf(String checksum) {
        String hex = checksum.trim();
        if (!hex.matches("[0-9a-fA-F]+")) {
            throw new IllegalArgumentException("checksum '" + checksum + "' is not hexadecimal");
        }
        return switch (hex.length()) {
            case 32 -> "MD5";
            case 64 -> "SHA-256";
            default -> throw new IllegalArgumentException("checksum '" + checksum
                    + "' is neither an MD5 (32 hex digits) nor a SHA-256 (64 hex digits)");
        };
    }

    /** The hex digest of a file, with the algorithm {@code checksum} implies. */
    public static String digest(Path file, String checksum) throws IOException {
        MessageDigest digest = newDigest(algorithmOf(checksum));
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Whether {@code file} exists and matches {@code checksum}. */
    public static boolean verifies(Path file, String checksum) throws IOException {
        return Files.isRegularFile(file) && digest(file, checksum).equalsIgnoreCase(checksum.trim());
    }

    /**
     * Downloads {@code url} to {@code target}: into a temporary file in the target's folder, verified
     * against {@code checksum} (MD5 or SHA-256 hex), then renamed. A mismatch deletes the temporary file
     * and raises a {@link DatasetException}.
     */
    public static void download(URI url, Path target, String checksum) throws IOException {
        String algorithm = algorithmOf(checksum);
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, target.getFileName() + ".", ".part");
        try {
            LOG.info("downloading {} to {}", url, target);
            long started = System.nanoTime();
            MessageDigest digest = newDigest(algorithm);
            long bytes = 0;
            try (InputStream body = open(url);
                    InputStream in = new DigestInputStream(body, digest);
                    OutputStream out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[BUFFER];
                long nextReport = PROGRESS_STEP;
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    bytes += n;
                    if (bytes >= nextReport) {
                        LOG.info("{}: {} MB so far", target.getFileName(), bytes >> 20);
                        nextReport += PROGRESS_STEP;
                    }
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equalsIgnoreCase(checksum.trim())) {
                throw new DatasetException("checksum mismatch for " + url + ": " + algorithm + " " + checksum.trim()
                        + " expected, " + actual + " found; download again, or check dataset.url and dataset.checksums");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("downloaded {} ({} bytes, {} verified) in {} s", target.getFileName(), bytes, algorithm,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * When {@code settings.download()} is set, makes sure every file of {@code required} exists, else fetches
     * the archive from {@code settings.url()} and unpacks it into {@code root}; see
     * {@link #ensureUnpacked(Path, List, URI, String, String)}.
     */
    public static void ensureUnpacked(DownloadSettings settings, Path root, List<Path> required, String archiveName,
            Map<String, String> officialChecksums) throws IOException {
        if (settings.download()) {
            ensureUnpacked(root, required, URI.create(settings.url()), archiveName,
                    checksumFor(archiveName, settings.checksums(), officialChecksums));
        }
    }

    /**
     * Makes sure every file of {@code required} exists, else obtains {@code archiveName} in {@code root}
     * and unpacks it there. An archive already in {@code root} that verifies is used as is and kept; one
     * this method downloads is deleted after unpacking.
     */
    public static void ensureUnpacked(Path root, List<Path> required, URI url, String archiveName, String checksum)
            throws IOException {
        if (DatasetFiles.allPresent(required)) {
            return;
        }
        Path archive = root.resolve(archiveName);
        boolean downloaded = false;
        if (Files.isRegularFile(archive) && verifies(archive, checksum)) {
            LOG.info("using the verified archive {}", archive);
        } else {
            if (Files.isRegularFile(archive)) {
                LOG.warn("{} does not match its checksum; downloading it again", archive);
            }
            download(url, archive, checksum);
            downloaded = true;
        }
        unpackTarGz(archive, root);
        if (downloaded) {
            Files.delete(archive);
        }
        for (Path file : required) {
            if (!Files.isRegularFile(file)) {
                throw new DatasetException("missing " + file + " after unpacking " + archiveName
                        + ": the archive does not hold it; check dataset.url");
            }
        }
    }

    /**
     * Unpacks the regular files and folders of a {@code .tar.gz} into {@code root}. An entry whose path
     * leaves {@code root} (absolute, or through {@code ..}) is refused; links are skipped, since the
     * official archives hold none and a link could point anywhere.
     */
    public static void unpackTarGz(Path archive, Path root) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        Files.createDirectories(base);
        LOG.info("unpacking {} into {}", archive.getFileName(), base);
        try (TarArchiveInputStream tar = openTarGz(archive)) {
            TarArchiveEntry entry;
            while ((entry = nextEntry(tar, archive)) != null) {
                Path destination = base.resolve(entry.getName()).normalize();
                if (!destination.startsWith(base) || destination.equals(base) && !entry.isDirectory()) {
                    throw new DatasetException("unsafe entry '" + entry.getName() + "' in " + archive
                            + ": it would be written outside " + base + "; the archive is not an official one, "
                            + "check dataset.url");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else if (entry.isFile()) {
                    extract(tar, archive, destination);
                } else {
                    LOG.debug("skipping non-regular entry {} of {}", entry.getName(), archive);
                }
            }
        }
    }

    private static TarArchiveInputStream openTarGz(Path archive) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(archive), BUFFER);
        try {
            return new TarArchiveInputStream(new GZIPInputStream(in, BUFFER));
        } catch (IOException e) {
            in.close();
            throw unreadable(archive, e);
        }
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar, Path archive) throws DatasetException {
        try {
            return tar.getNextEntry();
        } catch (IOException | IllegalArgumentException e) {
            // Commons Compress reports some malformed headers as IllegalArgumentException
            throw unreadable(archive, e);
        }
    }

    /**
     * Copies the current entry to {@code destination} through a temporary file. Read errors mean a damaged
     * archive; write errors (disk full, permissions) propagate as they are.
     */
    private static void extract(TarArchiveInputStream tar, Path archive, Path destination) throws IOException {
        Files.createDirectories(destination.getParent());
        Path partial = Files.createTempFile(destination.getParent(), destination.getFileName() + ".", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[BUFFER];
                while (true) {
                    int n;
                    try {
                        n = tar.read(buffer);
                    } catch (IOException e) {
                        throw unreadable(archive, e);
                    }
                    if (n < 0) {
                        break;
                    }
                    out.write(buffer, 0, n);
                }
            }
            Files.move(partial, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static DatasetException unreadable(Path archive, Exception cause) {
        DatasetException e = DatasetFiles.corrupt(archive, "cannot unpack it (" + cause.getMessage() + ")");
        e.initCause(cause);
        return e;
    }

    private static InputStream open(URI url) throws IOException {
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("dataset.url must be http or https: " + url);
        }
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        HttpRequest request = HttpRequest.newBuilder(url).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download of " + url + " interrupted");
        } catch (IOException e) {
            throw new DatasetException("cannot download " + url + " (" + e + "); check the network or dataset.url", e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new DatasetException("cannot download " + url + ": HTTP " + response.statusCode()
                    + "; check dataset.url");
        }
        return new BufferedInputStream(response.body(), BUFFER);
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide MD5 and SHA-256
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }
}
