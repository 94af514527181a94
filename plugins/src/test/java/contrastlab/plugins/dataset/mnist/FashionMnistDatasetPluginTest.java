package contrastlab.plugins.dataset.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import contrastlab.api.dataset.DatasetException;
import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import contrastlab.plugins.dataset.support.TestFiles;
import contrastlab.plugins.dataset.support.TestServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistDatasetPluginTest {

    @TempDir
    Path root;

    /** Searches no system folder, so results do not depend on the machine. */
    private final FashionMnistDatasetPlugin plugin = new FashionMnistDatasetPlugin(List.of());

    private FashionMnistParameters params(Path folder) {
        return new FashionMnistParameters(folder.toString(), false, "http://127.0.0.1:9/",
                FashionMnistDatasetPlugin.OFFICIAL_CHECKSUMS);
    }

    static byte pixel(int image, int y, int x) {
        return (byte) (image * 40 + y * 3 + x * 7);
    }

    static byte[] idxImages(int count) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * 784);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(28).putInt(28);
        for (int i = 0; i < count; i++) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    b.put(pixel(i, y, x));
                }
            }
        }
        return b.array();
    }

    static byte[] idxLabels(int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(labels.length);
        for (int l : labels) {
            b.put((byte) l);
        }
        return b.array();
    }

    private void writeSplit(Path folder, String prefix, boolean gzip, int[] labels) throws IOException {
        Files.createDirectories(folder);
        byte[] images = idxImages(labels.length);
        byte[] labelBytes = idxLabels(labels);
        String suffix = gzip ? ".gz" : "";
        Files.write(folder.resolve(prefix + "-images-idx3-ubyte" + suffix), gzip ? TestFiles.gzip(images) : images);
        Files.write(folder.resolve(prefix + "-labels-idx1-ubyte" + suffix),
                gzip ? TestFiles.gzip(labelBytes) : labelBytes);
    }

    private static void assertImages(ImageDataset set, int[] labels) {
        assertEquals(labels.length, set.size());
        assertEquals(new ImageShape(1, 28, 28), set.shape());
        assertTrue(set.hasLabels());
        assertEquals(10, set.numClasses());
        byte[] image = new byte[784];
        for (int i = 0; i < labels.length; i++) {
            assertEquals(labels[i], set.label(i));
            set.readImage(i, image);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    assertEquals(pixel(i, y, x), image[y * 28 + x], "image " + i + " at " + y + "," + x);
                }
            }
        }
    }

    @Test
    void readsGzipAndPlainIdxFilesBySplit() throws IOException {
        int[] train = {9, 0, 3, 7, 5};
        int[] test = {1, 2};
        writeSplit(root, "train", true, train);
        writeSplit(root, "t10k", false, test);
        assertEquals(List.of("train", "test"), plugin.splits(plugin.defaults()));
        assertImages(plugin.open(params(root), "train"), train);
        assertImages(plugin.open(params(root), "test"), test);
        assertThrows(IllegalArgumentException.class, () -> plugin.open(params(root), "unlabeled"));
    }

    @Test
    void fallsBackToTheOtherFoldersAfterRoot() throws IOException {
        Path system = root.resolve("system");
        writeSplit(system, "train", true, new int[] {4, 4});
        FashionMnistDatasetPlugin withFallback = new FashionMnistDatasetPlugin(List.of(system));
        assertImages(withFallback.open(params(root.resolve("empty")), "train"), new int[] {4, 4});

        writeSplit(root.resolve("mine"), "train", true, new int[] {6});
        assertImages(withFallback.open(params(root.resolve("mine")), "train"), new int[] {6});
    }

    @Test
    void aMissingFileNamesRootTheOtherFoldersAndTheFix() {
        Path empty = root.resolve("empty");
        FashionMnistDatasetPlugin withFallback = new FashionMnistDatasetPlugin(List.of(root.resolve("sys")));
        DatasetException e = assertThrows(DatasetException.class, () -> withFallback.open(params(empty), "test"));
        assertEquals("missing " + empty.resolve("t10k-images-idx3-ubyte.gz") + " (nor found in " + root.resolve("sys")
                + "): set dataset.root to the folder holding t10k-images-idx3-ubyte.gz, or set dataset.download: true",
                e.getMessage());
    }

    @Test
    void aBadMagicNumberIsReported() throws IOException {
        writeSplit(root, "train", true, new int[] {1, 2});
        // a labels file where the images file should be
        Path images = root.resolve("train-images-idx3-ubyte.gz");
        Files.write(images, TestFiles.gzip(idxLabels(1, 2)));
        DatasetException e = assertThrows(DatasetException.class, () -> plugin.open(params(root), "train"));
        assertEquals("bad magic number 0x00000801 in " + images + ": 0x00000803 expected (idx3 unsigned-byte images); "
                + "the file is not what its name says, delete it and download again", e.getMessage());
    }

    @Test
    void truncatedFilesAreReportedWithSizes() throws IOException {
        writeSplit(root, "train", false, new int[] {1, 2, 3});
        Path plain = root.resolve("train-images-idx3-ubyte");
        Files.write(plain, Arrays.copyOf(idxImages(3), 1000));
        DatasetException e = assertThrows(DatasetException.class, () -> plugin.open(params(root), "train"));
        assertEquals("truncated " + plain + ": " + (16 + 3 * 784) + " bytes expected, 1000 found; "
                + "delete it and download again", e.getMessage());

        Files.delete(plain);
        Path gz = root.resolve("train-images-idx3-ubyte.gz");
        byte[] full = TestFiles.gzip(idxImages(3));
        Files.write(gz, Arrays.copyOf(full, full.length / 2));
        e = assertThrows(DatasetException.class, () -> plugin.open(params(root), "train"));
        assertTrue(e.getMessage().startsWith("truncated " + gz + ": " + (16 + 3 * 784) + " uncompressed bytes expected, "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(" found; delete it and download again"), e.getMessage());
    }

    @Test
    void aCorruptGzipStreamIsReported() throws IOException {
        writeSplit(root, "train", true, new int[] {1});
        Path gz = root.resolve("train-labels-idx1-ubyte.gz");
        byte[] bytes = Files.readAllBytes(gz);
        bytes[3] = (byte) 0xFF; // reserved flag bits set: not a valid gzip header
        Files.write(gz, bytes);
        DatasetException e = assertThrows(DatasetException.class, () -> plugin.open(params(root), "train"));
        assertTrue(e.getMessage().startsWith("corrupt " + gz + ": not a valid gzip stream"), e.getMessage());
    }

    @Test
    void labelsOutOfRangeAndMismatchedCountsAreReported() throws IOException {
        writeSplit(root, "train", true, new int[] {1, 10, 2});
        Path labels = root.resolve("train-labels-idx1-ubyte.gz");
        DatasetException e = assertThrows(DatasetException.class, () -> plugin.open(params(root), "train"));
        assertEquals("corrupt " + labels + ": label 10 of record 1 is outside 0..9; delete it and download again",
                e.getMessage());

        Files.write(labels, TestFiles.gzip(idxLabels(1, 2)));
        e = assertThrows(DatasetException.class, () -> plugin.open(params(root), "train"));
        assertTrue(e.getMessage().startsWith("mismatched files: "), e.getMessage());
        assertTrue(e.getMessage().contains("holds 3 images but " + labels + " holds 2 labels"), e.getMessage());
    }

    @Test
    void trailingDataIsReported() throws IOException {
        writeSplit(root, "train", false, new int[] {1});
        Path labels = root.resolve("train-labels-idx1-ubyte");
        Files.write(labels, new byte[] {0}, StandardOpenOption.APPEND);
        DatasetException e = assertThrows(DatasetException.class, () -> plugin.open(params(root), "train"));
        assertEquals("corrupt " + labels + ": it holds more data than the 9 bytes its header implies; "
                + "delete it and download again", e.getMessage());
    }

    @Test
    void downloadsTheMissingFilesAndVerifiesTheirChecksums() throws IOException {
        byte[] images = TestFiles.gzip(idxImages(2));
        byte[] labels = TestFiles.gzip(idxLabels(3, 8));
        try (TestServer server = new TestServer()) {
            server.serve("/fm/t10k-images-idx3-ubyte.gz", images).serve("/fm/t10k-labels-idx1-ubyte.gz", labels);
            Map<String, String> sums = Map.of("t10k-images-idx3-ubyte.gz", TestFiles.md5(images),
                    "t10k-labels-idx1-ubyte.gz", TestFiles.sha256(labels));
            FashionMnistParameters p = new FashionMnistParameters(root.resolve("dl").toString(), true,
                    server.url("/fm"), sums);
            assertImages(plugin.open(p, "test"), new int[] {3, 8});
            assertEquals(2, server.requests());
            plugin.open(p, "test");
            assertEquals(2, server.requests(), "present files are not fetched again");

            // the official checksum applies when no override is given: the served file does not match it
            FashionMnistParameters official = new FashionMnistParameters(root.resolve("dl2").toString(), true,
                    server.url("/fm/"), Map.of());
            DatasetException e = assertThrows(DatasetException.class, () -> plugin.open(official, "test"));
            assertTrue(e.getMessage().startsWith("checksum mismatch for " + server.url("/fm/t10k-images-idx3-ubyte.gz")
                    + ": MD5 bef4ecab320f06d8554ea6380940ec79 expected"), e.getMessage());
            assertFalse(Files.exists(root.resolve("dl2/t10k-images-idx3-ubyte.gz")));
        }
    }

    @Test
    void readsTheRealFashionMnistWhenInstalled() throws IOException {
        assumeTrue(Files.isDirectory(FashionMnistDatasetPlugin.SYSTEM_FOLDER), "dataset-fashion-mnist not installed");
        FashionMnistDatasetPlugin system = new FashionMnistDatasetPlugin();
        FashionMnistParameters p = params(root.resolve("empty"));
        long started = System.nanoTime();
        ImageDataset train = system.open(p, "train");
        ImageDataset test = system.open(p, "test");
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertEquals(9, train.label(0), "the first Fashion-MNIST training image is an ankle boot");
        int[] counts = new int[10];
        for (int i = 0; i < train.size(); i++) {
            counts[train.label(i)]++;
        }
        for (int c : counts) {
            assertEquals(6_000, c, "Fashion-MNIST's training set is balanced");
        }
        byte[] image = new byte[784];
        train.readImage(0, image);
        int nonZero = 0;
        for (byte b : image) {
            nonZero += b != 0 ? 1 : 0;
        }
        assertTrue(nonZero > 100, "the first image has content");
        assertTrue(seconds < 5, "loading took " + seconds + " s");
    }
}
