package org.imageguard.engine.pixels;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.imageguard.engine.png.PngChunk;
import org.imageguard.engine.png.PngChunkReader;

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

    /** Larger profiles are not real colour profiles; a PNG bomb in iCCP must not inflate without bound. */
    static final int MAX_BYTES = 4 << 20;
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
        return profile != null && profile.length >= 20 && profile[16] == 'G' && profile[17] == 'R'
                && profile[18] == 'A' && profile[19] == 'Y';
    }

    static byte[] ofPng(byte[] png) {
        for (PngChunk chunk : PngChunkReader.read(png).chunks()) {
            if (chunk.is("iCCP") && chunk.crcValid()) {
                return inflate(chunk.data(png));
            }
        }
        return null;
    }

    private static byte[] inflate(byte[] data) {
        int nul = 0;
        while (nul < data.length && data[nul] != 0) {
            nul++;
        }
        if (nul + 2 > data.length || data[nul + 1] != 0) {
            return null;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data, nul + 2, data.length - nul - 2);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null;
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_BYTES) {
                    return null;
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }
}
