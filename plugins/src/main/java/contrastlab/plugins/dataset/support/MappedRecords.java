package contrastlab.plugins.dataset.support;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A file of fixed-size records, memory-mapped read-only. Files beyond 2 GB (STL-10's unlabeled split)
 * are mapped as several buffers, each holding whole records, so no record straddles two buffers.
 * Reads use absolute bulk gets, which change no buffer state, so concurrent reads are safe.
 */
public final class MappedRecords {

    private final MappedByteBuffer[] chunks;
    private final int recordSize;
    private final int recordsPerChunk;
    private final long records;

    private MappedRecords(MappedByteBuffer[] chunks, int recordSize, int recordsPerChunk, long records) {
        this.chunks = chunks;
        this.recordSize = recordSize;
        this.recordsPerChunk = recordsPerChunk;
        this.records = records;
    }

    /** Maps the first {@code records} records of {@code file} in as few buffers as the 2 GB limit allows. */
    public static MappedRecords map(Path file, int recordSize, long records) throws IOException {
        return map(file, recordSize, records, recordSize <= 0 ? 0 : Integer.MAX_VALUE / recordSize);
    }

    /** Maps with at most {@code recordsPerChunk} records per buffer (small values let tests cover the split). */
    public static MappedRecords map(Path file, int recordSize, long records, int recordsPerChunk) throws IOException {
        if (recordSize <= 0 || records < 0 || recordsPerChunk <= 0
                || (long) recordsPerChunk * recordSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad mapping: " + records + " records of " + recordSize + " bytes, "
                    + recordsPerChunk + " per chunk");
        }
        long size = Files.size(file);
        if (size < records * recordSize) {
            throw DatasetFiles.truncated(file, records * recordSize, size);
        }
        int chunkCount = (int) ((records + recordsPerChunk - 1) / recordsPerChunk);
        MappedByteBuffer[] chunks = new MappedByteBuffer[chunkCount];
        // the mapping stays valid after the channel is closed
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int c = 0; c < chunkCount; c++) {
                long first = (long) c * recordsPerChunk;
                long count = Math.min(recordsPerChunk, records - first);
                chunks[c] = channel.map(FileChannel.MapMode.READ_ONLY, first * recordSize, count * recordSize);
            }
        }
        return new MappedRecords(chunks, recordSize, recordsPerChunk, records);
    }

    /** Number of records mapped. */
    public long records() {
        return records;
    }

    /** Bytes per record. */
    public int recordSize() {
        return recordSize;
    }

    /** Copies record {@code index} into {@code destination} from position 0. */
    public void read(long index, byte[] destination) {
        Objects.checkIndex(index, records);
        int chunk = (int) (index / recordsPerChunk);
        int position = (int) (index % recordsPerChunk) * recordSize;
        chunks[chunk].get(position, destination, 0, recordSize);
    }
}
