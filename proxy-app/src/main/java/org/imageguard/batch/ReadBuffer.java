package org.imageguard.batch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One thread's buffer for whole input files, reused from file to file: {@link #read} puts a file at the start of
 * {@link #array()} and returns its length; the bytes after it are left over from earlier files. The array grows to the
 * largest file read and stays that size, so a batch allocates (and the kernel zeroes and maps) an input array per
 * thread once, not one per file. Not thread-safe: one per thread.
 *
 * <pre>{@code
 * ReadBuffer buffer = new ReadBuffer();
 * int length = buffer.read(path, Files.size(path));
 * engine.rewriteAndOptimizeGathered(buffer.array(), length, prepared);
 * }</pre>
 */
final class ReadBuffer {

    /**
     * Bytes per {@code read} call. The JDK reads into a temporary direct buffer as large as the call and copies from
     * it: slices keep that buffer small, and the copy within the processor's cache.
     */
    static final int READ_SLICE = 1 << 20;
    /** The largest array the JVM makes (as in {@code Files.readAllBytes}). */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private byte[] array = new byte[0];

    /**
     * Reads all of {@code source} (to its end, should it have grown since {@code expectedSize} was taken) into
     * {@link #array()} from offset 0.
     *
     * @return the number of bytes read
     */
    int read(Path source, long expectedSize) throws IOException {
        try (FileChannel in = FileChannel.open(source)) {
            // One byte more than expected: the read that finds the end needs room to try.
            reserve((int) Math.min(Math.max(expectedSize, 0) + 1, MAX_ARRAY));
            int length = 0;
            while (true) {
                if (length == array.length) {
                    grow(length);
                }
                int read = in.read(ByteBuffer.wrap(array, length, Math.min(READ_SLICE, array.length - length)));
                if (read < 0) {
                    return length;
                }
                length += read;
            }
        }
    }

    /** The buffer; the last file read is its first {@code read(...)} bytes. */
    byte[] array() {
        return array;
    }

    private void reserve(int capacity) {
        if (array.length < capacity) {
            array = new byte[capacity]; // nothing in it to keep: the next file starts at 0
        }
    }

    /** A file longer than its size said: room for more, keeping the {@code length} bytes read. */
    private void grow(int length) {
        if (length == MAX_ARRAY) {
            throw new OutOfMemoryError("Required array size too large");
        }
        array = Arrays.copyOf(array, (int) Math.min(MAX_ARRAY, Math.max(length + 1L, 2L * length)));
    }
}
