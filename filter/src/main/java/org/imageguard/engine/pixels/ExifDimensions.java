package org.imageguard.engine.pixels;

/**
 * Rewrites the image size an EXIF structure states (PixelXDimension/PixelYDimension in the Exif IFD, which exiftool
 * calls ExifImageWidth/Height, and ImageWidth/ImageLength in IFD0 when a writer put them there) to the size of the
 * re-encoded pixels, in place: after a resize or a baked 90° turn the old numbers would describe another image.
 * A value is written as a LONG when it does not fit the SHORT it was (the 4-byte value field holds either, and the
 * Exif standard allows both). An entry of another type or count is not a size this code can trust to rewrite and is
 * left alone; readers take the size from the image's own header.
 *
 * <pre>{@code
 * ExifDimensions.set(tiff, 0, tiff.length, 300, 480); // in place
 * }</pre>
 */
final class ExifDimensions {

    private static final int IMAGE_WIDTH = 0x0100;
    private static final int IMAGE_LENGTH = 0x0101;
    private static final int EXIF_IFD_POINTER = 0x8769;
    private static final int PIXEL_X_DIMENSION = 0xA002;
    private static final int PIXEL_Y_DIMENSION = 0xA003;

    private ExifDimensions() {
    }

    /** Writes {@code width × height} into every size tag the structure has. */
    static void set(byte[] tiff, int offset, int length, int width, int height) {
        if (!TiffBytes.valid(tiff, offset, length)) {
            return;
        }
        boolean big = TiffBytes.bigEndian(tiff, offset);
        put(tiff, TiffBytes.entryInIfd0(tiff, offset, length, IMAGE_WIDTH), width, big);
        put(tiff, TiffBytes.entryInIfd0(tiff, offset, length, IMAGE_LENGTH), height, big);
        int pointer = TiffBytes.entryInIfd0(tiff, offset, length, EXIF_IFD_POINTER);
        if (pointer < 0) {
            return;
        }
        long exifIfd = TiffBytes.u32(tiff, pointer + 8, big);
        put(tiff, TiffBytes.entry(tiff, offset, length, exifIfd, PIXEL_X_DIMENSION), width, big);
        put(tiff, TiffBytes.entry(tiff, offset, length, exifIfd, PIXEL_Y_DIMENSION), height, big);
    }

    private static void put(byte[] tiff, int entry, int value, boolean big) {
        if (entry < 0 || TiffBytes.u32(tiff, entry + 4, big) != 1) {
            return;
        }
        int type = TiffBytes.u16(tiff, entry + 2, big);
        if (type == TiffBytes.TYPE_SHORT && value <= 0xFFFF) {
            TiffBytes.putU16(tiff, entry + 8, value, big);
            TiffBytes.putU16(tiff, entry + 10, 0, big);
        } else if (type == TiffBytes.TYPE_SHORT || type == TiffBytes.TYPE_LONG) {
            TiffBytes.putU16(tiff, entry + 2, TiffBytes.TYPE_LONG, big);
            TiffBytes.putU32(tiff, entry + 8, value, big);
        }
    }
}
