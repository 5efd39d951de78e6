package org.imageguard.engine.jpeg;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;

/**
 * One Huffman table from a DHT segment (T.81 B.2.4.2, C), ready for decoding: codes of up to {@link #LOOKAHEAD}
 * bits are found with one array index, longer ones by comparing against the largest code of each length (F.2.2.3).
 *
 * <pre>
 * DHT table  u8 Tc<<4 | Th, u8 counts[16] (codes of length 1..16), u8 values[sum of counts]
 * </pre>
 */
final class HuffmanDecodingTable {

    static final int LOOKAHEAD = 9;

    /** For each 9-bit prefix: code length << 8 | symbol, or 0 when the code is longer (or invalid). */
    final int[] lookup = new int[1 << LOOKAHEAD];
    /** Largest code of each length 1..16, -1 when none; index 17 holds a sentinel. */
    final int[] maxCode = new int[18];
    /** Value index of the first code of each length, minus that code. */
    final int[] valueOffset = new int[17];
    final int[] values;

    private HuffmanDecodingTable(int[] values) {
        this.values = values;
    }

    /**
     * Parses one table at {@code at}; returns it, its length in bytes is {@code 17 + values.length}.
     *
     * @param end the end of the DHT payload
     */
    static HuffmanDecodingTable parse(byte[] data, int at, int end) {
        if (at + 17 > end) {
            throw new ImageFormatException(ImageFormat.JPEG, at, "expected 17 bytes of Huffman table header, found "
                    + (end - at));
        }
        int[] counts = new int[17];
        int total = 0;
        for (int len = 1; len <= 16; len++) {
            counts[len] = data[at + len] & 0xFF;
            total += counts[len];
        }
        if (total > 256 || at + 17 + total > end) {
            throw new ImageFormatException(ImageFormat.JPEG, at, String.format(
                    "expected at most 256 Huffman values within the segment, found %d", total));
        }
        int[] values = new int[total];
        for (int i = 0; i < total; i++) {
            values[i] = data[at + 17 + i] & 0xFF;
        }
        HuffmanDecodingTable table = new HuffmanDecodingTable(values);
        table.build(counts, at);
        return table;
    }

    private void build(int[] counts, int at) {
        int code = 0;
        int index = 0;
        for (int len = 1; len <= 16; len++) {
            int n = counts[len];
            valueOffset[len] = index - code;
            if (n > 0) {
                if (code + n > (1 << len)) {
                    throw new ImageFormatException(ImageFormat.JPEG, at,
                            "expected a Huffman code that fits in " + len + " bits, found too many codes");
                }
                if (len <= LOOKAHEAD) {
                    for (int i = 0; i < n; i++) {
                        int shift = LOOKAHEAD - len;
                        int first = (code + i) << shift;
                        int entry = len << 8 | values[index + i];
                        for (int j = 0; j < 1 << shift; j++) {
                            lookup[first + j] = entry;
                        }
                    }
                }
                maxCode[len] = code + n - 1;
            } else {
                maxCode[len] = -1;
            }
            index += n;
            code = (code + n) << 1;
        }
        maxCode[17] = Integer.MAX_VALUE;
    }
}
