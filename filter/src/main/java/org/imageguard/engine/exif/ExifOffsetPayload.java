package org.imageguard.engine.exif;

import java.util.Arrays;

/**
 * The Exif payload of the ISO base media file formats: HEIF's {@code Exif} item and JPEG XL's {@code Exif} box both
 * start with a 32-bit big-endian offset from the end of that field to the TIFF header (usually 0).
 *
 * <pre>
 * 00 00 00 00 | 49 49 2A 00 08 00 00 00 ...   offset 0, then a little-endian TIFF structure
 * </pre>
 *
 * <pre>{@code
 * byte[] tiff = ExifOffsetPayload.tiff(boxPayload); // null: unreadable, drop the box
 * }</pre>
 */
public final class ExifOffsetPayload {

    private ExifOffsetPayload() {
    }

    /** The TIFF structure the offset leads to, or null when it leads outside the payload or to no TIFF header. */
    public static byte[] tiff(byte[] payload) {
        if (payload.length < 4) {
            return null;
        }
        long offset = (payload[0] & 0xFFL) << 24 | (payload[1] & 0xFF) << 16 | (payload[2] & 0xFF) << 8
                | payload[3] & 0xFF;
        if (offset > payload.length - 8) {
            return null;
        }
        byte[] tiff = Arrays.copyOfRange(payload, 4 + (int) offset, payload.length);
        boolean intel = tiff[0] == 'I' && tiff[1] == 'I' && tiff[2] == 42 && tiff[3] == 0;
        boolean motorola = tiff[0] == 'M' && tiff[1] == 'M' && tiff[2] == 0 && tiff[3] == 42;
        return intel || motorola ? tiff : null;
    }
}
