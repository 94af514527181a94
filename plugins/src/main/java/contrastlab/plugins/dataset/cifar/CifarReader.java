package contrastlab.plugins.dataset.cifar;

import contrastlab.api.dataset.ImageDataset;
import contrastlab.api.dataset.ImageShape;
import contrastlab.plugins.dataset.support.ArrayImageDataset;
import contrastlab.plugins.dataset.support.DatasetFiles;
import contrastlab.plugins.dataset.support.DownloadSettings;
import contrastlab.plugins.dataset.support.Downloads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a split of a CIFAR binary version: downloads it if asked, checks every file's size, reads the
 * files one after the other into one array, and serves the pixels in place (records keep their label
 * bytes; the dataset's stride skips them).
 */
final class CifarReader {

    static final ImageShape SHAPE = new ImageShape(3, 32, 32);
    private static final Logger LOG = LoggerFactory.getLogger(CifarReader.class);

    private CifarReader() {}

    /**
     * @param labelByte which label byte of a record is the class (CIFAR-100: 0 coarse, 1 fine)
     * @param officialChecksums the archive's official checksum by file name
     */
    static ImageDataset open(String dataset, CifarFormat format, DownloadSettings settings, String split,
            int labelByte, Map<String, String> officialChecksums) throws IOException {
        List<CifarFile> files = format.files(split);
        if (files == null) {
            throw DatasetFiles.unknownSplit(dataset, split, CifarFormat.SPLITS);
        }
        Path root = DatasetFiles.expandHome(settings.root());
        Downloads.ensureUnpacked(settings, root, format.allFiles(root), format.archive(), officialChecksums);
        return read(format, root.resolve(format.folder()), files, labelByte);
    }

    private static ImageDataset read(CifarFormat format, Path folder, List<CifarFile> files, int labelByte)
            throws IOException {
        long started = System.nanoTime();
        int recordSize = format.recordSize();
        for (CifarFile file : files) {
            DatasetFiles.requireSize(folder.resolve(file.name()), (long) file.records() * recordSize, format.folder());
        }
        int total = files.stream().mapToInt(CifarFile::records).sum();
        byte[] data = new byte[Math.multiplyExact(total, recordSize)];
        int[] labels = new int[total];
        int first = 0;
        for (CifarFile file : files) {
            Path path = folder.resolve(file.name());
            int length = file.records() * recordSize;
            try (InputStream in = Files.newInputStream(path)) {
                DatasetFiles.readExactly(in, data, first * recordSize, length, path, 0, length, "bytes");
            }
            for (int r = 0; r < file.records(); r++) {
                int at = (first + r) * recordSize;
                for (int b = 0; b < format.labelBytes(); b++) {
                    int label = data[at + b] & 0xFF;
                    int classes = format.labelClasses().get(b);
                    if (label >= classes) {
                        throw DatasetFiles.badLabel(path, r, label, 0, classes - 1);
                    }
                }
                labels[first + r] = data[at + labelByte] & 0xFF;
            }
            first += file.records();
        }
        LOG.debug("read {} images from {} in {} ms", total, folder, (System.nanoTime() - started) / 1_000_000);
        return new ArrayImageDataset(data, format.labelBytes(), recordSize, total, SHAPE, labels,
                format.labelClasses().get(labelByte));
    }
}
