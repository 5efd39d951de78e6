package org.imageguard.engine.deflate;

import java.util.Arrays;

/**
 * Deflate's bit order: values are packed from the least significant bit of each byte; Huffman codes go in reversed
 * (see {@link HuffmanCode#codes}). Gives up with {@link TooLarge} once the output reaches the caller's limit, so a
 * trial that cannot win costs no more memory than the one it would have to beat.
 */
final class BitWriter {

    /** Thrown when the output would reach the limit: the result is not wanted. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private final int limit;
    private byte[] out;
    private int size;
    private long bits;
    private int count;

    BitWriter(int initialCapacity, int limit) {
        this.limit = limit;
        this.out = new byte[Math.max(16, Math.min(initialCapacity, limit))];
    }

    void write(int value, int length) {
        bits |= (long) value << count;
        count += length;
        while (count >= 8) {
            put((byte) bits);
            bits >>>= 8;
            count -= 8;
        }
    }

    /** Pads to a byte boundary with zero bits (stored blocks start there). */
    void alignToByte() {
        if (count > 0) {
            put((byte) bits);
            bits = 0;
            count = 0;
        }
    }

    void writeBytes(byte[] data, int from, int length) {
        alignToByte();
        for (int i = 0; i < length; i++) {
            put(data[from + i]);
        }
    }

    private void put(byte b) {
        if (size == out.length) {
            if (size >= limit) {
                throw new TooLarge();
            }
            out = Arrays.copyOf(out, (int) Math.min(limit, 2L * out.length));
        }
        out[size++] = b;
    }

    byte[] toByteArray() {
        alignToByte();
        return Arrays.copyOf(out, size);
    }
}
