package org.imageguard.engine.pixels;

/**
 * Finds the orientation tag in IFD0 of an EXIF TIFF structure, to read it and to overwrite it with 1 once the pixels
 * have been turned. Only IFD0 is looked at: that is where the tag lives, and a hostile offset elsewhere costs nothing.
 *
 * <pre>
 * II*\0 or MM\0*      byte order, 42
 * u32                 offset of IFD0
 * IFD0: u16 count, then count × 12-byte entries: u16 tag, u16 type, u32 count, 4-byte value or offset
 * </pre>
 *
 * <pre>{@code
 * Orientation o = ExifOrientation.read(tiff, 0, tiff.length);
 * ExifOrientation.resetToNormal(tiff, 0, tiff.length); // in place
 * }</pre>
 */
final class ExifOrientation {

    private static final int TAG = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {
    }

    /** The orientation in the TIFF structure at {@code tiff[offset..offset+length)}; normal when absent or unreadable. */
    static Orientation read(byte[] tiff, int offset, int length) {
        int at = valueOffset(tiff, offset, length);
        return at < 0 ? Orientation.NORMAL : Orientation.ofTag(u16(tiff, at, bigEndian(tiff, offset)));
    }

    /** Writes 1 (normal) into the tag, in place; nothing when there is no such tag. */
    static void resetToNormal(byte[] tiff, int offset, int length) {
        int at = valueOffset(tiff, offset, length);
        if (at >= 0) {
            boolean big = bigEndian(tiff, offset);
            tiff[at] = (byte) (big ? 0 : 1);
            tiff[at + 1] = (byte) (big ? 1 : 0);
        }
    }

    /** Where the tag's 2-byte value is, or -1. */
    private static int valueOffset(byte[] tiff, int offset, int length) {
        if (length < 8 || offset < 0 || (long) offset + length > tiff.length) {
            return -1;
        }
        boolean big = bigEndian(tiff, offset);
        boolean little = tiff[offset] == 'I' && tiff[offset + 1] == 'I';
        if (!big && !little) {
            return -1;
        }
        long ifd = u32(tiff, offset + 4, big);
        if (ifd < 8 || ifd + 2 > length) {
            return -1;
        }
        int count = u16(tiff, offset + (int) ifd, big);
        for (int i = 0; i < count; i++) {
            long entry = ifd + 2 + 12L * i;
            if (entry + 12 > length) {
                return -1;
            }
            int at = offset + (int) entry;
            if (u16(tiff, at, big) == TAG && u16(tiff, at + 2, big) == TYPE_SHORT) {
                return at + 8;
            }
        }
        return -1;
    }

    private static boolean bigEndian(byte[] tiff, int offset) {
        return tiff[offset] == 'M' && tiff[offset + 1] == 'M';
    }

    private static int u16(byte[] b, int at, boolean big) {
        int first = b[at] & 0xFF;
        int second = b[at + 1] & 0xFF;
        return big ? (first << 8) | second : (second << 8) | first;
    }

    private static long u32(byte[] b, int at, boolean big) {
        long high = u16(b, big ? at : at + 2, big);
        long low = u16(b, big ? at + 2 : at, big);
        return (high << 16) | low;
    }
}
