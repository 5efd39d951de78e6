package org.imageguard.engine.jpeg;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;

/**
 * Reads the bits of one scan's entropy-coded data (T.81 F.2.2.5): a 64-bit buffer over the byte array, stuffed
 * 0xFF 0x00 pairs unstuffed, restart markers checked. At a marker or the end of the data the buffer is padded with
 * zero bits so that a lookahead never fails, but consuming any of those padding bits is an error: a truncated or
 * corrupt scan never decodes as zeros.
 */
final class EntropyReader {

    private final byte[] data;
    private final int end;
    private int pos;
    private long buffer;
    /** Bits in the buffer, in its low end. */
    private int bits;
    /** Of those, the padding zero bits appended at a marker, all below the real ones. */
    private int padding;

    EntropyReader(byte[] data, int from, int end) {
        this.data = data;
        this.pos = from;
        this.end = end;
    }

    private void fill() {
        while (bits <= 56) {
            int b = 0;
            if (padding == 0 && pos < end) {
                b = data[pos] & 0xFF;
                if (b == 0xFF) {
                    if (pos + 1 < end && data[pos + 1] == 0) {
                        pos += 2;
                    } else {
                        b = 0; // a marker: padding from here on
                        padding += 8;
                    }
                } else {
                    pos++;
                }
            } else {
                padding += 8;
            }
            buffer = buffer << 8 | b;
            bits += 8;
        }
    }

    /** Decodes one Huffman symbol. */
    int decode(HuffmanDecodingTable table) {
        if (bits < 32) {
            fill();
        }
        int entry = table.lookup[(int) (buffer >>> (bits - HuffmanDecodingTable.LOOKAHEAD)) & 0x1FF];
        if (entry != 0) {
            consume(entry >>> 8);
            return entry & 0xFF;
        }
        for (int len = HuffmanDecodingTable.LOOKAHEAD + 1; len <= 16; len++) {
            int code = (int) (buffer >>> (bits - len)) & ((1 << len) - 1);
            if (code <= table.maxCode[len]) {
                consume(len);
                return table.values[table.valueOffset[len] + code];
            }
        }
        throw corrupt("expected a Huffman code of the scan's table, found bits that are none");
    }

    /** The next {@code n} (0..16) bits as an unsigned number. */
    int bits(int n) {
        if (bits < 32) {
            fill();
        }
        int v = (int) (buffer >>> (bits - n)) & ((1 << n) - 1);
        consume(n);
        return v;
    }

    /** The next {@code n} bits as a signed magnitude of category {@code n} (F.2.2.1 EXTEND). */
    int signed(int n) {
        if (n == 0) {
            return 0;
        }
        int v = bits(n);
        return v < 1 << (n - 1) ? v - (1 << n) + 1 : v;
    }

    private void consume(int n) {
        bits -= n;
        if (bits < padding) {
            throw corrupt("expected more entropy-coded data, found a marker or the end of the scan");
        }
    }

    /** At the end of a restart interval: skips the fill bits, expects RSTn and starts afresh. */
    void restart(int expected) {
        int real = bits - padding;
        if (real >= 8) {
            throw corrupt(String.format("expected restart marker RST%d, found %d more bytes of data", expected,
                    real / 8));
        }
        if (pos + 1 >= end || (data[pos] & 0xFF) != 0xFF || (data[pos + 1] & 0xFF) != 0xD0 + expected) {
            throw corrupt("expected restart marker RST" + expected);
        }
        pos += 2;
        buffer = 0;
        bits = 0;
        padding = 0;
    }

    /** After the last MCU: the fill bits of the last byte at most may remain, and restart markers are ignored. */
    void finish() {
        fill();
        if (bits - padding >= 8) {
            throw corrupt(String.format("expected the end of the scan, found %d more bytes of data",
                    (bits - padding) / 8));
        }
        while (pos + 1 < end && (data[pos] & 0xFF) == 0xFF && (data[pos + 1] & 0xF8) == 0xD0) {
            pos += 2;
        }
        if (pos < end) {
            throw corrupt(String.format("expected the end of the scan, found %d more bytes", end - pos));
        }
    }

    ImageFormatException corrupt(String problem) {
        return new ImageFormatException(ImageFormat.JPEG, pos, "corrupt scan data: " + problem);
    }
}
