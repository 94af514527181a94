package contrastlab.plugins.dataset.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import contrastlab.api.dataset.DatasetException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFilesTest {

    @TempDir
    Path dir;

    @Test
    void expandsTheHomeFolder() {
        String home = System.getProperty("user.home");
        assertEquals(Path.of(home), DatasetFiles.expandHome("~"));
        assertEquals(Path.of(home, ".contrastlab/data/x"), DatasetFiles.expandHome("~/.contrastlab/data/x"));
        assertEquals(Path.of("/data/~x"), DatasetFiles.expandHome("/data/~x"));
        assertThrows(IllegalArgumentException.class, () -> DatasetFiles.expandHome(" "));
    }

    @Test
    void sizeChecksNameTheFileAndTheFix() throws IOException {
        Path file = dir.resolve("f.bin");
        DatasetException missing = assertThrows(DatasetException.class,
                () -> DatasetFiles.requireSize(file, 10, "holder-dir"));
        assertEquals("missing " + file + ": set dataset.root to the folder holding holder-dir, or set "
                + "dataset.download: true", missing.getMessage());

        Files.write(file, new byte[4]);
        DatasetException truncated = assertThrows(DatasetException.class,
                () -> DatasetFiles.requireSize(file, 10, "holder-dir"));
        assertEquals("truncated " + file + ": 10 bytes expected, 4 found; delete it and download again",
                truncated.getMessage());

        DatasetException tooLong = assertThrows(DatasetException.class,
                () -> DatasetFiles.requireSize(file, 3, "holder-dir"));
        assertEquals("corrupt " + file + ": 3 bytes expected, 4 found; delete it and download again",
                tooLong.getMessage());

        DatasetFiles.requireSize(file, 4, "holder-dir");
    }

    @Test
    void missingNamesTheOtherFoldersSearched() {
        DatasetException e = DatasetFiles.missing(Path.of("/r/f.gz"), "f.gz", List.of(Path.of("/s1"), Path.of("/s2")));
        assertEquals("missing /r/f.gz (nor found in /s1, /s2): set dataset.root to the folder holding f.gz, or set "
                + "dataset.download: true", e.getMessage());
    }

    @Test
    void readExactlyReportsHowMuchWasFound() throws IOException {
        byte[] out = new byte[6];
        DatasetFiles.readExactly(new ByteArrayInputStream(new byte[] {1, 2, 3, 4}), out, 2, 4, dir, 0, 4, "bytes");
        assertArrayEquals(new byte[] {0, 0, 1, 2, 3, 4}, out);
        DatasetException e = assertThrows(DatasetException.class, () -> DatasetFiles.readExactly(
                new ByteArrayInputStream(new byte[3]), new byte[8], 0, 8, dir, 16, 24, "uncompressed bytes"));
        assertEquals("truncated " + dir + ": 24 uncompressed bytes expected, 19 found; delete it and download again",
                e.getMessage());
    }
}
