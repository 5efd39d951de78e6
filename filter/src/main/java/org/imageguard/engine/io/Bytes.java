package org.imageguard.engine.io;

/**
 * Big- and little-endian integer reads and writes on byte arrays, shared by the format parsers. Callers check bounds
 * before calling: these methods index the array directly.
 *
 * <pre>{@code
 * long length = Bytes.u32be(png, offset);   // a PNG chunk length
 * int width = Bytes.u16le(gif, 6);          // a GIF logical screen width
 * }</pre>
 */
public final class Bytes {

    private Bytes() {
    }

    public static int u16be(byte[] b, int offset) {
        return (b[offset] & 0xFF) << 8 | (b[offset + 1] & 0xFF);
    }

    public static int u16le(byte[] b, int offset) {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8;
    }

    public static int u24le(byte[] b, int offset) {
        return u16le(b, offset) | (b[offset + 2] & 0xFF) << 16;
    }

    public static long u32be(byte[] b, int offset) {
        return (long) u16be(b, offset) << 16 | u16be(b, offset + 2);
    }

    public static long u32le(byte[] b, int offset) {
        return u16le(b, offset) | (long) u16le(b, offset + 2) << 16;
    }

    public static void putU16be(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 8);
        b[offset + 1] = (byte) value;
    }

    public static void putU24le(byte[] b, int offset, int value) {
        b[offset] = (byte) value;
        b[offset + 1] = (byte) (value >>> 8);
        b[offset + 2] = (byte) (value >>> 16);
    }

    public static void putU32be(byte[] b, int offset, long value) {
        putU16be(b, offset, (int) (value >>> 16));
        putU16be(b, offset + 2, (int) value);
    }

    public static void putU32le(byte[] b, int offset, long value) {
        b[offset] = (byte) value;
        b[offset + 1] = (byte) (value >>> 8);
        b[offset + 2] = (byte) (value >>> 16);
        b[offset + 3] = (byte) (value >>> 24);
    }
}
