package contrastlab.plugins.dataset.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import contrastlab.api.dataset.DatasetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedRecordsTest {

    @TempDir
    Path dir;

    private static byte[] record(int index, int size) {
        byte[] r = new byte[size];
        for (int i = 0; i < size; i++) {
            r[i] = (byte) (index * 31 + i);
        }
        return r;
    }

    @Test
    void readsRecordsAcrossSeveralMappingsConcurrently() throws Exception {
        int size = 7;
        int count = 11;
        byte[] file = new byte[count * size];
        for (int i = 0; i < count; i++) {
            System.arraycopy(record(i, size), 0, file, i * size, size);
        }
        Path path = dir.resolve("r.bin");
        Files.write(path, file);
        MappedRecords records = MappedRecords.map(path, size, count, 3);
        assertEquals(count, records.records());

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    byte[] buffer = new byte[size];
                    for (int round = 0; round < 500; round++) {
                        for (int i = 0; i < count; i++) {
                            records.read(i, buffer);
                            assertArrayEquals(record(i, size), buffer, "record " + i);
                        }
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
        assertThrows(IndexOutOfBoundsException.class, () -> records.read(count, new byte[size]));
    }

    @Test
    void mapsOnlyTheRequestedRecords() throws IOException {
        Path path = dir.resolve("r.bin");
        Files.write(path, new byte[20]);
        assertEquals(2, MappedRecords.map(path, 10, 2).records());
        assertThrows(IllegalArgumentException.class, () -> MappedRecords.map(path, 0, 2));
        DatasetException e = assertThrows(DatasetException.class, () -> MappedRecords.map(path, 10, 3));
        assertEquals("truncated " + path + ": 30 bytes expected, 20 found; delete it and download again", e.getMessage());
    }
}
