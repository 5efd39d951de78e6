package org.imageguard.engine.jpeg;

import java.util.Arrays;

/**
 * Writes entropy-coded data (T.81 F.1.2.3, B.1.1.5): codes packed most significant bit first through a 64-bit
 * buffer, every 0xFF byte followed by a stuffed 0x00, the last byte of an interval padded with one bits.
 * Marker segments are appended through the same growing array, so one writer holds a whole output file.
 */
final class EntropyWriter extends EntropySink {

    private byte[] out;
    private int length;
    private long buffer;
    private int bits;
    private final HuffmanEncodingTable[] tables = new HuffmanEncodingTable[8];

    EntropyWriter(int initialCapacity) {
        out = new byte[Math.max(initialCapacity, 1024)];
    }

    void use(int table, HuffmanEncodingTable code) {
        tables[table] = code;
    }

    @Override
    void symbol(int table, int symbol) {
        HuffmanEncodingTable t = tables[table];
        int size = t.size[symbol];
        if (size == 0) {
            throw new IllegalStateException("symbol " + symbol + " missing from table " + table);
        }
        bits(t.code[symbol], size);
    }

    @Override
    void bits(int value, int count) {
        buffer = buffer << count | (value & ((1L << count) - 1));
        bits += count;
        if (bits >= 32) {
            drain();
        }
    }

    @Override
    void corrections(byte[] bits, int from, int count) {
        int end = from + count;
        for (int i = from; i < end; ) {
            int chunk = Math.min(16, end - i);
            int value = 0;
            for (int j = 0; j < chunk; j++) {
                value = value << 1 | (bits[i + j] & 1);
            }
            bits(value, chunk);
            i += chunk;
        }
    }

    private void drain() {
        ensure(16);
        while (bits >= 8) {
            int b = (int) (buffer >>> (bits - 8)) & 0xFF;
            out[length++] = (byte) b;
            if (b == 0xFF) {
                out[length++] = 0;
            }
            bits -= 8;
        }
    }

    /** Pads the last byte with ones and writes it out. */
    void flushBits() {
        int pad = (8 - bits % 8) % 8;
        if (pad > 0) {
            bits((1 << pad) - 1, pad);
        }
        drain();
        buffer = 0;
    }

    @Override
    void restart(int marker) {
        flushBits();
        ensure(2);
        out[length++] = (byte) 0xFF;
        out[length++] = (byte) (0xD0 + marker);
    }

    /** Appends raw bytes (marker segments). */
    void raw(byte[] data, int from, int count) {
        ensure(count);
        System.arraycopy(data, from, out, length, count);
        length += count;
    }

    /** Overwrites one byte already written (the SOF marker). */
    void patch(int at, int b) {
        out[at] = (byte) b;
    }

    void rawByte(int b) {
        ensure(1);
        out[length++] = (byte) b;
    }

    void rawU16(int v) {
        rawByte(v >> 8);
        rawByte(v & 0xFF);
    }

    /** Appends a DHT segment holding {@code tableIds}' tables (ids as in {@link EntropySink}). */
    void dht(int[] tableIds, int count) {
        int payload = 2;
        for (int i = 0; i < count; i++) {
            payload += tables[tableIds[i]].dhtLength();
        }
        ensure(payload + 2);
        out[length++] = (byte) 0xFF;
        out[length++] = (byte) 0xC4;
        out[length++] = (byte) (payload >> 8);
        out[length++] = (byte) payload;
        for (int i = 0; i < count; i++) {
            int id = tableIds[i];
            int classAndSlot = id >= AC ? 0x10 | (id - AC) : id;
            length = tables[id].writeDht(out, length, classAndSlot);
        }
    }

    int length() {
        return length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(out, length);
    }

    private void ensure(int more) {
        if (length + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, length + more));
        }
    }
}
