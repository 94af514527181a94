package contrastlab.plugins.dataset.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contrastlab.api.dataset.DatasetException;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import contrastlab.plugins.dataset.support.TestFiles;
import contrastlab.plugins.dataset.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarDatasetPluginTest {

    private static final int PER_FILE = 3;

    @TempDir
    Path root;

    private final Cifar10DatasetPlugin cifar10 = new Cifar10DatasetPlugin(Cifar10DatasetPlugin.format(PER_FILE));
    private final Cifar100DatasetPlugin cifar100 = new Cifar100DatasetPlugin(Cifar100DatasetPlugin.format(4, 2));

    /** A pixel value that identifies image {@code id}, channel, row and column. */
    static byte pixel(int id, int c, int y, int x) {
        return (byte) (id * 17 + c * 101 + y * 5 + x * 3);
    }

    /** CIFAR records: the label bytes, then the 3072 CHW pixels of image {@code firstId + r}. */
    static byte[] records(int firstId, int[][] labels) {
        int labelBytes = labels[0].length;
        byte[] data = new byte[labels.length * (labelBytes + 3072)];
        int at = 0;
        for (int r = 0; r < labels.length; r++) {
            for (int label : labels[r]) {
                data[at++] = (byte) label;
            }
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        data[at++] = pixel(firstId + r, c, y, x);
                    }
                }
            }
        }
        return data;
    }

    /** The CIFAR-10 files: image ids 0.. across the five batches, then the test batch. */
    static Map<String, byte[]> cifar10Files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int b = 1; b <= 5; b++) {
            int first = (b - 1) * PER_FILE;
            files.put("cifar-10-batches-bin/data_batch_" + b + ".bin",
                    records(first, new int[][] {{first % 10}, {(first + 1) % 10}, {(first + 2) % 10}}));
        }
        files.put("cifar-10-batches-bin/test_batch.bin", records(100, new int[][] {{9}, {0}, {4}}));
        return files;
    }

    static Map<String, byte[]> cifar100Files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("cifar-100-binary/train.bin", records(0, new int[][] {{0, 99}, {19, 5}, {7, 42}, {3, 0}}));
        files.put("cifar-100-binary/test.bin", records(50, new int[][] {{11, 77}, {2, 64}}));
        return files;
    }

    private static void write(Path root, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path file = root.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
    }

    private static Cifar10Parameters cifar10Params(Path root) {
        return new Cifar10Parameters(root.toString(), false, "http://127.0.0.1:9/none.tar.gz", Map.of());
    }

    private static Cifar100Parameters cifar100Params(Path root, String labels) {
        return new Cifar100Parameters(root.toString(), false, "http://127.0.0.1:9/none.tar.gz", Map.of(), labels);
    }

    private static void assertImage(ImageDataset set, int index, int id) {
        byte[] image = new byte[set.shape().size()];
        set.readImage(index, image);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    assertEquals(pixel(id, c, y, x), image[c * 1024 + y * 32 + x],
                            "image " + index + " channel " + c + " at " + y + "," + x);
                }
            }
        }
    }

    @Test
    void cifar10ReadsTheBatchesInOrderAndTheTestBatch() throws IOException {
        write(root, cifar10Files());
        assertEquals(List.of("train", "test"), cifar10.splits(cifar10.defaults()));

        ImageDataset train = cifar10.open(cifar10Params(root), "train");
        assertEquals(5 * PER_FILE, train.size());
        assertEquals(new ImageShape(3, 32, 32), train.shape());
        assertEquals(10, train.numClasses());
        assertTrue(train.hasLabels());
        for (int i = 0; i < train.size(); i++) {
            assertEquals(i % 10, train.label(i));
            assertImage(train, i, i);
        }

        ImageDataset test = cifar10.open(cifar10Params(root), "test");
        assertEquals(PER_FILE, test.size());
        assertEquals(List.of(9, 0, 4), List.of(test.label(0), test.label(1), test.label(2)));
        for (int i = 0; i < PER_FILE; i++) {
            assertImage(test, i, 100 + i);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> test.readImage(PER_FILE, new byte[3072]));
        assertThrows(IllegalArgumentException.class, () -> cifar10.open(cifar10Params(root), "unlabeled"));
    }

    @Test
    void cifar100ServesFineOrCoarseLabels() throws IOException {
        write(root, cifar100Files());
        ImageDataset fine = cifar100.open(cifar100Params(root, "fine"), "train");
        ImageDataset coarse = cifar100.open(cifar100Params(root, "coarse"), "train");
        assertEquals(100, fine.numClasses());
        assertEquals(20, coarse.numClasses());
        assertEquals(List.of(99, 5, 42, 0), List.of(fine.label(0), fine.label(1), fine.label(2), fine.label(3)));
        assertEquals(List.of(0, 19, 7, 3), List.of(coarse.label(0), coarse.label(1), coarse.label(2), coarse.label(3)));
        for (int i = 0; i < 4; i++) {
            assertImage(fine, i, i);
            assertImage(coarse, i, i);
        }
        ImageDataset test = cifar100.open(cifar100Params(root, "coarse"), "test");
        assertEquals(2, test.size());
        assertEquals(11, test.label(0));
        assertImage(test, 1, 51);
        assertEquals("fine", cifar100.defaults().labels());
        assertThrows(IllegalArgumentException.class, () -> cifar100.open(cifar100Params(root, "medium"), "train"));
    }

    @Test
    void aMissingFileNamesTheFolderToPointRootAt() throws IOException {
        Map<String, byte[]> files = cifar10Files();
        files.remove("cifar-10-batches-bin/data_batch_1.bin");
        write(root, files);
        DatasetException e = assertThrows(DatasetException.class, () -> cifar10.open(cifar10Params(root), "train"));
        assertEquals("missing " + root.resolve("cifar-10-batches-bin/data_batch_1.bin") + ": set dataset.root to the "
                + "folder holding cifar-10-batches-bin, or set dataset.download: true", e.getMessage());
        // the test split does not need the missing batch
        assertEquals(PER_FILE, cifar10.open(cifar10Params(root), "test").size());
    }

    @Test
    void aTruncatedFileIsReportedWithBothSizes() throws IOException {
        write(root, cifar10Files());
        Path test = root.resolve("cifar-10-batches-bin/test_batch.bin");
        Files.write(test, Arrays.copyOf(Files.readAllBytes(test), 1234));
        DatasetException e = assertThrows(DatasetException.class, () -> cifar10.open(cifar10Params(root), "test"));
        assertEquals("truncated " + test + ": " + PER_FILE * 3073 + " bytes expected, 1234 found; "
                + "delete it and download again", e.getMessage());
    }

    @Test
    void labelsOutOfRangeAreReported() throws IOException {
        write(root, cifar10Files());
        Path batch = root.resolve("cifar-10-batches-bin/data_batch_2.bin");
        Files.write(batch, records(0, new int[][] {{1}, {10}, {2}}));
        DatasetException e = assertThrows(DatasetException.class, () -> cifar10.open(cifar10Params(root), "train"));
        assertEquals("corrupt " + batch + ": label 10 of record 1 is outside 0..9; delete it and download again",
                e.getMessage());

        write(root, cifar100Files());
        Path train = root.resolve("cifar-100-binary/train.bin");
        // the coarse byte is checked even when fine labels are used
        Files.write(train, records(0, new int[][] {{0, 1}, {1, 2}, {20, 3}, {2, 4}}));
        e = assertThrows(DatasetException.class, () -> cifar100.open(cifar100Params(root, "fine"), "train"));
        assertEquals("corrupt " + train + ": label 20 of record 2 is outside 0..19; delete it and download again",
                e.getMessage());
    }

    @Test
    void downloadsVerifiesAndUnpacksTheBinaryArchives() throws IOException {
        byte[] archive10 = TestFiles.tarGz(cifar10Files());
        byte[] archive100 = TestFiles.tarGz(cifar100Files());
        try (TestServer server = new TestServer()) {
            server.serve("/c10.tar.gz", archive10).serve("/c100.tar.gz", archive100);
            Cifar10Parameters p10 = new Cifar10Parameters(root.resolve("c10").toString(), true,
                    server.url("/c10.tar.gz"), Map.of(Cifar10DatasetPlugin.ARCHIVE, TestFiles.md5(archive10)));
            ImageDataset train = cifar10.open(p10, "train");
            assertEquals(5 * PER_FILE, train.size());
            assertImage(train, 7, 7);
            assertEquals(1, server.requests());
            assertEquals(PER_FILE, cifar10.open(p10, "test").size());
            assertEquals(1, server.requests(), "the unpacked files are reused");

            Cifar100Parameters p100 = new Cifar100Parameters(root.resolve("c100").toString(), true,
                    server.url("/c100.tar.gz"), Map.of(Cifar100DatasetPlugin.ARCHIVE, TestFiles.sha256(archive100)),
                    "coarse");
            assertEquals(19, cifar100.open(p100, "train").label(1));
        }
    }

    @Test
    void aCorruptedArchiveGivesTheChecksumError() throws IOException {
        byte[] archive = TestFiles.tarGz(cifar10Files());
        String md5 = TestFiles.md5(archive);
        archive[100] ^= 1;
        try (TestServer server = new TestServer()) {
            server.serve("/c10.tar.gz", archive);
            Cifar10Parameters p = new Cifar10Parameters(root.toString(), true, server.url("/c10.tar.gz"),
                    Map.of(Cifar10DatasetPlugin.ARCHIVE, md5));
            DatasetException e = assertThrows(DatasetException.class, () -> cifar10.open(p, "train"));
            assertTrue(e.getMessage().startsWith("checksum mismatch for " + server.url("/c10.tar.gz") + ": MD5 " + md5
                    + " expected, "), e.getMessage());
            assertFalse(Files.exists(root.resolve("cifar-10-batches-bin")));
        }
    }

    @Test
    void theDefaultsPointAtTheOfficialArchives() {
        Cifar10Parameters d10 = new Cifar10DatasetPlugin().defaults();
        assertEquals("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", d10.url());
        assertEquals("c32a1d4ab5d03f1284b67883e8d87530", d10.checksums().get("cifar-10-binary.tar.gz"));
        assertEquals("~/.contrastlab/data/cifar10", d10.root());
        assertFalse(d10.download());
        Cifar100Parameters d100 = new Cifar100DatasetPlugin().defaults();
        assertEquals("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz", d100.url());
        assertEquals("03b5dce01913d631647c71ecec9e9cb8", d100.checksums().get("cifar-100-binary.tar.gz"));
    }
}
