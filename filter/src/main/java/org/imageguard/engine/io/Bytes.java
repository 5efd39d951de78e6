package org.imageguard.engine.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

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

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Bytes() {
    }

    /**
     * The first {@code length} bytes of {@code array} in an array of exactly that length: {@code array} itself when it
     * is that long (no copy), else a copy. For bodies held at the start of a larger buffer (a buffer reused from file
     * to file, one grown while reading) that must go on as an array of their own.
     */
    public static byte[] prefix(byte[] array, int length) {
        return length == array.length ? array : Arrays.copyOf(array, length);
    }

    /**
     * The index of the first {@code 0xFF} byte in {@code [from, to)}, or -1. Reads eight bytes at a time: JPEG scan
     * data is megabytes with a marker candidate every few hundred bytes, and a byte-by-byte loop was the hottest
     * frame of metadata surgery.
     */
    public static int indexOfFf(byte[] b, int from, int to) {
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            // A byte is FF exactly where its complement is zero; (x - 0x01..) & ~x & 0x80.. marks the lowest zero byte
            // of x correctly (false marks occur only above a true one), and little-endian makes lowest come first.
            long complement = ~(long) LONGS.get(b, i);
            long zeros = (complement - ONES) & ~complement & HIGHS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == (byte) 0xFF) {
                return i;
            }
        }
        return -1;
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
