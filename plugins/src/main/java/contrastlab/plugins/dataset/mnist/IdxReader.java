package contrastlab.plugins.dataset.mnist;

import contrastlab.api.dataset.DatasetException;
import contrastlab.plugins.dataset.support.DatasetFiles;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the idx files of MNIST-style datasets (unsigned bytes, big-endian header), gzip-compressed or
 * plain; compression is recognised by the gzip magic bytes, not by the file name.
 */
final class IdxReader {

    /** idx magic: 0x08 = unsigned byte, last byte = number of dimensions. */
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    private static final int BUFFER = 1 << 16;

    private IdxReader() {}

    static IdxImages readImages(Path file) throws IOException {
        boolean gzip = isGzip(file);
        try (InputStream in = open(file, gzip)) {
            ByteBuffer header = readHeader(in, file, 16, IMAGES_MAGIC, "idx3 unsigned-byte images");
            int count = header.getInt(4);
            int rows = header.getInt(8);
            int cols = header.getInt(12);
            if (count < 0 || rows <= 0 || cols <= 0 || (long) count * rows * cols > Integer.MAX_VALUE - 16) {
                throw DatasetFiles.corrupt(file, "its header claims " + count + " images of " + rows + "x" + cols);
            }
            int length = count * rows * cols;
            byte[] pixels = new byte[length];
            readBody(in, file, gzip, pixels, 16);
            return new IdxImages(pixels, count, rows, cols);
        } catch (ZipException e) {
            throw DatasetFiles.corrupt(file, "not a valid gzip stream (" + e.getMessage() + ")");
        }
    }

    /** Reads the labels of an idx1 file, each checked to lie in {@code [0, numClasses)}. */
    static int[] readLabels(Path file, int numClasses) throws IOException {
        boolean gzip = isGzip(file);
        try (InputStream in = open(file, gzip)) {
            ByteBuffer header = readHeader(in, file, 8, LABELS_MAGIC, "idx1 unsigned-byte labels");
            int count = header.getInt(4);
            if (count < 0 || count > Integer.MAX_VALUE - 8) {
                throw DatasetFiles.corrupt(file, "its header claims " + count + " labels");
            }
            byte[] bytes = new byte[count];
            readBody(in, file, gzip, bytes, 8);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                int label = bytes[i] & 0xFF;
                if (label >= numClasses) {
                    throw DatasetFiles.badLabel(file, i, label, 0, numClasses - 1);
                }
                labels[i] = label;
            }
            return labels;
        } catch (ZipException e) {
            throw DatasetFiles.corrupt(file, "not a valid gzip stream (" + e.getMessage() + ")");
        }
    }

    private static ByteBuffer readHeader(InputStream in, Path file, int headerBytes, int magic, String kind)
            throws IOException {
        byte[] header = new byte[headerBytes];
        DatasetFiles.readExactly(in, header, 0, 4, file, 0, headerBytes, "header bytes");
        ByteBuffer buffer = ByteBuffer.wrap(header);
        int found = buffer.getInt(0);
        if (found != magic) {
            throw new DatasetException(String.format("bad magic number 0x%08X in %s: 0x%08X expected (%s); "
                    + "the file is not what its name says, %s", found, file, magic, kind, DatasetFiles.REDOWNLOAD));
        }
        DatasetFiles.readExactly(in, header, 4, headerBytes - 4, file, 4, headerBytes, "header bytes");
        return buffer;
    }

    /** Reads the body after a {@code headerBytes} header, and checks that nothing follows it. */
    private static void readBody(InputStream in, Path file, boolean gzip, byte[] body, int headerBytes)
            throws IOException {
        long expected = headerBytes + (long) body.length;
        if (!gzip) {
            long size = Files.size(file);
            if (size < expected) {
                throw DatasetFiles.truncated(file, expected, size);
            }
        }
        DatasetFiles.readExactly(in, body, 0, body.length, file, headerBytes, expected,
                gzip ? "uncompressed bytes" : "bytes");
        try {
            if (in.read() >= 0) {
                throw DatasetFiles.corrupt(file, "it holds more data than the " + expected + " bytes its header implies");
            }
        } catch (EOFException e) {
            // a gzip stream whose data is complete but whose trailer is cut off
            throw DatasetFiles.corrupt(file, "the gzip stream ends without its trailer");
        }
    }

    private static InputStream open(Path file, boolean gzip) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        if (!gzip) {
            return in;
        }
        try {
            return new GZIPInputStream(in, BUFFER);
        } catch (IOException e) {
            in.close();
            throw DatasetFiles.corrupt(file, "not a valid gzip stream (" + e.getMessage() + ")");
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }
}
