package contrastlab.plugins.dataset.stl;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class Stl10DatasetPluginTest {

    private static final int SIDE = 96;
    private static final int IMAGE = 3 * SIDE * SIDE;
    /** Two images per mapping, so every split spans several mappings. */
    private static final Stl10Layout LAYOUT = new Stl10Layout(3, 2, 5, 2);

    @TempDir
    Path root;

    private final Stl10DatasetPlugin plugin = new Stl10DatasetPlugin(LAYOUT);

    /** The value pixel (row y, column x) of channel c of image id must have after reading. */
    static byte pixel(int id, int c, int y, int x) {
        return (byte) (id * 29 + c * 71 + y * 2 + x * 5);
    }

    /** Images as the STL files store them: each channel column-major (x outer, y inner). */
    static byte[] columnMajor(int firstId, int count) {
        byte[] data = new byte[count * IMAGE];
        int at = 0;
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < 3; c++) {
                for (int x = 0; x < SIDE; x++) {
                    for (int y = 0; y < SIDE; y++) {
                        data[at++] = pixel(firstId + i, c, y, x);
                    }
                }
            }
        }
        return data;
    }

    static Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("stl10_binary/train_X.bin", columnMajor(0, 3));
        files.put("stl10_binary/train_y.bin", new byte[] {1, 10, 4});
        files.put("stl10_binary/test_X.bin", columnMajor(10, 2));
        files.put("stl10_binary/test_y.bin", new byte[] {7, 2});
        files.put("stl10_binary/unlabeled_X.bin", columnMajor(20, 5));
        return files;
    }

    private static void write(Path root, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path file = root.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
    }

    private static Stl10Parameters params(Path root) {
        return new Stl10Parameters(root.toString(), false, "http://127.0.0.1:9/none.tar.gz", Map.of());
    }

    private static void assertImage(ImageDataset set, int index, int id) {
        byte[] image = new byte[IMAGE];
        set.readImage(index, image);
        assertImage(image, index, id);
    }

    private static void assertImage(byte[] image, int index, int id) {
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    if (pixel(id, c, y, x) != image[c * SIDE * SIDE + y * SIDE + x]) {
                        throw new AssertionError("image " + index + " channel " + c + " at row " + y + ", column " + x);
                    }
                }
            }
        }
    }

    @Test
    void readsEverySplitTransposedToRowMajorChw() throws IOException {
        write(root, files());
        assertEquals(List.of("train", "test", "unlabeled"), plugin.splits(plugin.defaults()));

        ImageDataset train = plugin.open(params(root), "train");
        assertEquals(3, train.size());
        assertEquals(new ImageShape(3, 96, 96), train.shape());
        assertTrue(train.hasLabels());
        assertEquals(10, train.numClasses());
        assertEquals(List.of(0, 9, 3), List.of(train.label(0), train.label(1), train.label(2)));
        for (int i = 0; i < 3; i++) {
            assertImage(train, i, i);
        }

        ImageDataset test = plugin.open(params(root), "test");
        assertEquals(List.of(6, 1), List.of(test.label(0), test.label(1)));
        assertImage(test, 1, 11);

        ImageDataset unlabeled = plugin.open(params(root), "unlabeled");
        assertEquals(5, unlabeled.size());
        assertFalse(unlabeled.hasLabels());
        assertEquals(0, unlabeled.numClasses());
        assertEquals(-1, unlabeled.label(4));
        for (int i = 0; i < 5; i++) {
            assertImage(unlabeled, i, 20 + i);
        }
        assertThrows(IllegalArgumentException.class, () -> plugin.open(params(root), "train+unlabeled"));
    }

    @Test
    void concurrentReadsAreSafe() throws Exception {
        write(root, files());
        ImageDataset unlabeled = plugin.open(params(root), "unlabeled");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    byte[] image = new byte[IMAGE];
                    for (int round = 0; round < 40; round++) {
                        int i = (round + offset) % 5;
                        unlabeled.readImage(i, image);
                        assertImage(image, i, 20 + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void missingTruncatedAndMislabelledFilesAreReported() throws IOException {
        Map<String, byte[]> files = files();
        files.remove("stl10_binary/test_y.bin");
        write(root, files);
        Path testY = root.resolve("stl10_binary/test_y.bin");
        DatasetException e = assertThrows(DatasetException.class, () -> plugin.open(params(root), "test"));
        assertEquals("missing " + testY + ": set dataset.root to the folder holding stl10_binary, or set "
                + "dataset.download: true", e.getMessage());

        Path unlabeled = root.resolve("stl10_binary/unlabeled_X.bin");
        Files.write(unlabeled, Arrays.copyOf(columnMajor(0, 5), 4 * IMAGE + 10));
        e = assertThrows(DatasetException.class, () -> plugin.open(params(root), "unlabeled"));
        assertEquals("truncated " + unlabeled + ": " + 5L * IMAGE + " bytes expected, " + (4 * IMAGE + 10)
                + " found; delete it and download again", e.getMessage());

        Path trainY = root.resolve("stl10_binary/train_y.bin");
        for (int bad : new int[] {0, 11}) {
            Files.write(trainY, new byte[] {1, 2, (byte) bad});
            e = assertThrows(DatasetException.class, () -> plugin.open(params(root), "train"));
            assertEquals("corrupt " + trainY + ": label " + bad + " of record 2 is outside 1..10; "
                    + "delete it and download again", e.getMessage());
        }
    }

    @Test
    void downloadsVerifiesAndUnpacksTheArchive() throws IOException {
        byte[] archive = TestFiles.tarGz(files());
        try (TestServer server = new TestServer()) {
            server.serve("/stl.tar.gz", archive);
            Stl10Parameters p = new Stl10Parameters(root.toString(), true, server.url("/stl.tar.gz"),
                    Map.of(Stl10DatasetPlugin.ARCHIVE, TestFiles.md5(archive)));
            ImageDataset unlabeled = plugin.open(p, "unlabeled");
            assertImage(unlabeled, 3, 23);
            assertEquals(9, plugin.open(p, "train").label(1));
            assertEquals(1, server.requests());

            Stl10Parameters bad = new Stl10Parameters(root.resolve("other").toString(), true,
                    server.url("/stl.tar.gz"), Map.of());
            assertFailsWith(() -> plugin.open(bad, "train"), "checksum mismatch for " + server.url("/stl.tar.gz")
                    + ": MD5 91f7769df0f17e558f3565bffb0c7dfb expected, ");
        }
    }

    private static void assertFailsWith(Executable call, String prefix) {
        DatasetException e = assertThrows(DatasetException.class, call);
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }

    @Test
    void theOfficialLayoutMapsTheUnlabeledSplitInTwo() {
        assertEquals(100_000, Stl10Layout.OFFICIAL.unlabeled());
        long perMapping = (long) Stl10Layout.OFFICIAL.imagesPerMapping() * IMAGE;
        assertTrue(perMapping <= Integer.MAX_VALUE && perMapping + IMAGE > Integer.MAX_VALUE);
        assertEquals("http://ai.stanford.edu/~acoates/stl10/stl10_binary.tar.gz", plugin.defaults().url());
    }
}
