package org.imageguard.engine.pixels;

/**
 * Finds the orientation tag in IFD0 of an EXIF TIFF structure, to read it and to overwrite it with 1 once the pixels
 * have been turned. Only IFD0 is looked at: that is where the tag lives, and a hostile offset elsewhere costs nothing.
 *
 * <pre>{@code
 * Orientation o = ExifOrientation.read(tiff, 0, tiff.length);
 * ExifOrientation.resetToNormal(tiff, 0, tiff.length); // in place
 * }</pre>
 */
final class ExifOrientation {

    private static final int TAG = 0x0112;

    private ExifOrientation() {
    }

    /** The orientation in the TIFF structure at {@code tiff[offset..offset+length)}; normal when absent or unreadable. */
    static Orientation read(byte[] tiff, int offset, int length) {
        int at = valueOffset(tiff, offset, length);
        return at < 0 ? Orientation.NORMAL
                : Orientation.ofTag(TiffBytes.u16(tiff, at, TiffBytes.bigEndian(tiff, offset)));
    }

    /** Writes 1 (normal) into the tag, in place; nothing when there is no such tag. */
    static void resetToNormal(byte[] tiff, int offset, int length) {
        int at = valueOffset(tiff, offset, length);
        if (at >= 0) {
            TiffBytes.putU16(tiff, at, 1, TiffBytes.bigEndian(tiff, offset));
        }
    }

    /** Where the tag's 2-byte value is, or -1. */
    private static int valueOffset(byte[] tiff, int offset, int length) {
        int entry = TiffBytes.entryInIfd0(tiff, offset, length, TAG);
        if (entry < 0 || TiffBytes.u16(tiff, entry + 2, TiffBytes.bigEndian(tiff, offset)) != TiffBytes.TYPE_SHORT) {
            return -1;
        }
        return entry + 8;
    }
}
