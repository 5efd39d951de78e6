package org.imageguard.engine.pixels;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import org.imageguard.engine.png.PngChunk;
import org.imageguard.engine.png.PngChunkReader;
import org.imageguard.engine.png.PngIccProfiles;

/**
 * The embedded ICC profile of a JPEG or PNG as one byte array, for formats that store it whole (a WebP ICCP chunk).
 *
 * <pre>
 * JPEG: APP2 "ICC_PROFILE\0", u8 sequence number (1-based), u8 count, profile bytes; chunks joined in sequence order
 * PNG:  iCCP: profile name (1-79 bytes), \0, u8 compression method (0 = zlib), zlib stream
 * </pre>
 *
 * <pre>{@code
 * byte[] icc = IccProfile.ofJpeg(JpegHeader.read(bytes)); // null when there is none or it is incomplete
 * }</pre>
 */
final class IccProfile {

    /** The same bound as a PNG's: larger profiles are not real colour profiles. */
    static final int MAX_BYTES = PngIccProfiles.MAX_BYTES;
    private static final int JPEG_PREFIX = "ICC_PROFILE\0".length() + 2;

    private IccProfile() {
    }

    static byte[] ofJpeg(JpegHeader header) {
        byte[][] chunks = null;
        int total = 0;
        for (JpegHeader.Segment s : header.segments()) {
            if (!header.isIccProfile(s) || s.payloadLength() < JPEG_PREFIX) {
                continue;
            }
            int at = s.payloadOffset() + JPEG_PREFIX - 2;
            int sequence = header.bytes()[at] & 0xFF;
            int count = header.bytes()[at + 1] & 0xFF;
            if (chunks == null) {
                chunks = new byte[count][];
            }
            if (count != chunks.length || sequence < 1 || sequence > count || chunks[sequence - 1] != null) {
                return null;
            }
            chunks[sequence - 1] = Arrays.copyOfRange(header.bytes(), s.payloadOffset() + JPEG_PREFIX, s.end());
            total += chunks[sequence - 1].length;
        }
        if (chunks == null || total > MAX_BYTES || Arrays.stream(chunks).anyMatch(c -> c == null)) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(total);
        Arrays.stream(chunks).forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** Whether the profile's colour space (header bytes 16..19) is {@code GRAY}; false for null. */
    static boolean isGrey(byte[] profile) {
        return "GRAY".equals(PngIccProfiles.colourSpace(profile));
    }

    static byte[] ofPng(byte[] png) {
        for (PngChunk chunk : PngChunkReader.read(png).chunks()) {
            if (chunk.is("iCCP") && chunk.crcValid()) {
                return PngIccProfiles.profile(chunk.data(png));
            }
        }
        return null;
    }
}
