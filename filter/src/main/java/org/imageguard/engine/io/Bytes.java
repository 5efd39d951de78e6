package org.imageguard.engine.io;

/**
 * Big- and little-endian integer access to byte arrays, shared by the format parsers. Callers check bounds first;
 * unsigned 32-bit values come back as {@code long} so they never turn negative.
 *
 * <pre>{@code
 * int length = Bytes.u16be(data, offset + 2);
 * Bytes.putU32be(out, 4, total);
 * }</pre>
 */
public final class Bytes {

    private Bytes() {
    }

    public static int u16be(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }

    public static int u16le(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    public static int u24le(byte[] b, int off) {
        return u16le(b, off) | (b[off + 2] & 0xFF) << 16;
    }

    public static long u32be(byte[] b, int off) {
        return (long) u16be(b, off) << 16 | u16be(b, off + 2);
    }

    public static long u32le(byte[] b, int off) {
        return u16le(b, off) | (long) u16le(b, off + 2) << 16;
    }

    public static void putU16be(byte[] b, int off, int value) {
        b[off] = (byte) (value >>> 8);
        b[off + 1] = (byte) value;
    }

    public static void putU24le(byte[] b, int off, int value) {
        b[off] = (byte) value;
        b[off + 1] = (byte) (value >>> 8);
        b[off + 2] = (byte) (value >>> 16);
    }

    public static void putU32be(byte[] b, int off, long value) {
        putU16be(b, off, (int) (value >>> 16));
        putU16be(b, off + 2, (int) value);
    }

    public static void putU32le(byte[] b, int off, long value) {
        b[off] = (byte) value;
        b[off + 1] = (byte) (value >>> 8);
        b[off + 2] = (byte) (value >>> 16);
        b[off + 3] = (byte) (value >>> 24);
    }
}
