package contrastlab.plugins.dataset.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contrastlab.api.dataset.DatasetException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadsTest {

    @TempDir
    Path root;

    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        server = new TestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Map<String, byte[]> entries() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("data/", new byte[0]);
        entries.put("data/a.bin", "alpha".getBytes(StandardCharsets.US_ASCII));
        entries.put("data/sub/b.bin", "beta".getBytes(StandardCharsets.US_ASCII));
        return entries;
    }

    @Test
    void downloadsVerifiesAndUnpacksAnArchiveThenDeletesIt() throws IOException {
        byte[] archive = TestFiles.tarGz(entries());
        server.serve("/x.tar.gz", archive);
        List<Path> required = List.of(root.resolve("data/a.bin"), root.resolve("data/sub/b.bin"));

        Downloads.ensureUnpacked(root, required, URI.create(server.url("/x.tar.gz")), "x.tar.gz", TestFiles.md5(archive));

        assertEquals("alpha", Files.readString(root.resolve("data/a.bin")));
        assertEquals("beta", Files.readString(root.resolve("data/sub/b.bin")));
        assertFalse(Files.exists(root.resolve("x.tar.gz")), "a downloaded archive is removed after unpacking");
        assertNoPartialFiles();
        assertEquals(1, server.requests());
    }

    @Test
    void skipsTheDownloadWhenTheFilesArePresent() throws IOException {
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/a.bin"), "mine");
        Downloads.ensureUnpacked(root, List.of(root.resolve("data/a.bin")), URI.create(server.url("/x.tar.gz")),
                "x.tar.gz", TestFiles.md5(new byte[0]));
        assertEquals(0, server.requests());
        assertEquals("mine", Files.readString(root.resolve("data/a.bin")));
    }

    @Test
    void unpacksAVerifiedArchiveAlreadyInRootWithoutDownloadingAndKeepsIt() throws IOException {
        byte[] archive = TestFiles.tarGz(entries());
        Files.write(root.resolve("x.tar.gz"), archive);
        Downloads.ensureUnpacked(root, List.of(root.resolve("data/a.bin")), URI.create(server.url("/x.tar.gz")),
                "x.tar.gz", TestFiles.sha256(archive));
        assertEquals(0, server.requests());
        assertEquals("alpha", Files.readString(root.resolve("data/a.bin")));
        assertTrue(Files.exists(root.resolve("x.tar.gz")), "the user's own archive is kept");
    }

    @Test
    void aCorruptedDownloadRaisesTheChecksumErrorAndLeavesNothing() throws IOException {
        byte[] archive = TestFiles.tarGz(entries());
        String md5 = TestFiles.md5(archive);
        archive[archive.length / 2] ^= 0x55;
        server.serve("/x.tar.gz", archive);

        DatasetException e = assertThrows(DatasetException.class, () -> Downloads.ensureUnpacked(root,
                List.of(root.resolve("data/a.bin")), URI.create(server.url("/x.tar.gz")), "x.tar.gz", md5));

        assertTrue(e.getMessage().startsWith("checksum mismatch for " + server.url("/x.tar.gz") + ": MD5 " + md5
                + " expected, " + TestFiles.md5(archive) + " found"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(Files.exists(root.resolve("x.tar.gz")));
        assertFalse(Files.exists(root.resolve("data")));
        assertNoPartialFiles();
    }

    @Test
    void sha256ChecksumsAreVerifiedToo() throws IOException {
        byte[] body = "payload".getBytes(StandardCharsets.US_ASCII);
        server.serve("/f.gz", body);
        Path target = root.resolve("f.gz");
        String wrong = TestFiles.sha256("other".getBytes(StandardCharsets.US_ASCII));
        DatasetException e = assertThrows(DatasetException.class,
                () -> Downloads.download(URI.create(server.url("/f.gz")), target, wrong));
        assertTrue(e.getMessage().contains("SHA-256 " + wrong + " expected"), e.getMessage());
        assertFalse(Files.exists(target));

        Downloads.download(URI.create(server.url("/f.gz")), target, TestFiles.sha256(body).toUpperCase());
        assertArrayEquals(body, Files.readAllBytes(target));
        assertNoPartialFiles();
    }

    @Test
    void httpErrorsNameTheUrl() {
        DatasetException e = assertThrows(DatasetException.class, () -> Downloads.download(
                URI.create(server.url("/absent.tar.gz")), root.resolve("a"), TestFiles.md5(new byte[0])));
        assertEquals("cannot download " + server.url("/absent.tar.gz") + ": HTTP 404; check dataset.url",
                e.getMessage());
    }

    @Test
    void refusesEntriesThatLeaveTheRoot() throws IOException {
        for (String evil : List.of("../escape.bin", "data/../../escape.bin", "/tmp/contrastlab-escape.bin")) {
            Path folder = Files.createTempDirectory(root, "t");
            Path archive = root.resolve("evil-" + folder.getFileName() + ".tar.gz");
            Files.write(archive, TestFiles.tarGz(Map.of(evil, new byte[] {1, 2, 3})));
            DatasetException e = assertThrows(DatasetException.class, () -> Downloads.unpackTarGz(archive, folder));
            assertTrue(e.getMessage().startsWith("unsafe entry '" + evil + "'"), e.getMessage());
            assertFalse(Files.exists(folder.resolveSibling("escape.bin")));
            assertFalse(Files.exists(Path.of("/tmp/contrastlab-escape.bin")));
        }
    }

    @Test
    void aDamagedArchiveIsReportedAsCorrupt() throws IOException {
        byte[] archive = TestFiles.tarGz(entries());
        Path file = root.resolve("cut.tar.gz");
        Files.write(file, Arrays.copyOf(archive, archive.length / 2));
        DatasetException e = assertThrows(DatasetException.class, () -> Downloads.unpackTarGz(file, root.resolve("out")));
        assertTrue(e.getMessage().startsWith("corrupt " + file + ": cannot unpack it"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; delete it and download again"), e.getMessage());
    }

    @Test
    void checksumsPickTheirAlgorithmByLengthAndOverridesWin() {
        assertEquals("MD5", Downloads.algorithmOf(TestFiles.md5(new byte[0])));
        assertEquals("SHA-256", Downloads.algorithmOf(TestFiles.sha256(new byte[0])));
        assertThrows(IllegalArgumentException.class, () -> Downloads.algorithmOf("abc"));
        assertThrows(IllegalArgumentException.class, () -> Downloads.algorithmOf("z".repeat(32)));

        Map<String, String> official = Map.of("a", "1".repeat(32));
        assertEquals("1".repeat(32), Downloads.checksumFor("a", Map.of(), official));
        assertEquals("2".repeat(64), Downloads.checksumFor("a", Map.of("a", "2".repeat(64)), official));
        assertThrows(IllegalArgumentException.class, () -> Downloads.checksumFor("b", null, official));
    }

    private void assertNoPartialFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".part")).toList());
        }
    }
}
