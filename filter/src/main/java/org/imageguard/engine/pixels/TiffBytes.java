package org.imageguard.engine.pixels;

/**
 * Reading and writing the numbers and IFD entries of an EXIF TIFF structure in place, in its own byte order. Every
 * offset is checked against the structure's bounds: the caller gets -1, never an exception, for a hostile one.
 *
 * <pre>
 * II*\0 or MM\0*      byte order, 42
 * u32                 offset of IFD0
 * IFD: u16 count, then count × 12-byte entries: u16 tag, u16 type, u32 count, 4-byte value or offset
 * </pre>
 */
final class TiffBytes {

    static final int TYPE_SHORT = 3;
    static final int TYPE_LONG = 4;
    private static final int IFD0 = -1;

    private TiffBytes() {
    }

    /** Whether {@code tiff[offset..offset+length)} starts like a TIFF structure. */
    static boolean valid(byte[] tiff, int offset, int length) {
        return length >= 8 && offset >= 0 && (long) offset + length <= tiff.length
                && (bigEndian(tiff, offset) || (tiff[offset] == 'I' && tiff[offset + 1] == 'I'));
    }

    /** The offset (relative to the structure) of IFD0, or -1. */
    static long ifd0(byte[] tiff, int offset, int length) {
        return valid(tiff, offset, length) ? u32(tiff, offset + 4, bigEndian(tiff, offset)) : -1;
    }

    /**
     * The absolute position of the 12-byte entry of {@code tag} in the IFD at {@code ifd} (relative to the
     * structure; -1 for IFD0), or -1 when absent or out of bounds.
     */
    static int entry(byte[] tiff, int offset, int length, long ifd, int tag) {
        if (!valid(tiff, offset, length)) {
            return -1;
        }
        boolean big = bigEndian(tiff, offset);
        long at = ifd == IFD0 ? u32(tiff, offset + 4, big) : ifd;
        if (at < 8 || at + 2 > length) {
            return -1;
        }
        int count = u16(tiff, offset + (int) at, big);
        for (int i = 0; i < count; i++) {
            long entry = at + 2 + 12L * i;
            if (entry + 12 > length) {
                return -1;
            }
            if (u16(tiff, offset + (int) entry, big) == tag) {
                return offset + (int) entry;
            }
        }
        return -1;
    }

    static int entryInIfd0(byte[] tiff, int offset, int length, int tag) {
        return entry(tiff, offset, length, IFD0, tag);
    }

    static boolean bigEndian(byte[] tiff, int offset) {
        return tiff[offset] == 'M' && tiff[offset + 1] == 'M';
    }

    static int u16(byte[] b, int at, boolean big) {
        int first = b[at] & 0xFF;
        int second = b[at + 1] & 0xFF;
        return big ? (first << 8) | second : (second << 8) | first;
    }

    static long u32(byte[] b, int at, boolean big) {
        long high = u16(b, big ? at : at + 2, big);
        long low = u16(b, big ? at + 2 : at, big);
        return (high << 16) | low;
    }

    static void putU16(byte[] b, int at, int value, boolean big) {
        b[at + (big ? 0 : 1)] = (byte) (value >>> 8);
        b[at + (big ? 1 : 0)] = (byte) value;
    }

    static void putU32(byte[] b, int at, long value, boolean big) {
        putU16(b, big ? at : at + 2, (int) (value >>> 16) & 0xFFFF, big);
        putU16(b, big ? at + 2 : at, (int) value & 0xFFFF, big);
    }
}
