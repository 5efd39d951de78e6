package org.imageguard.engine.png;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The ICC profile a PNG embeds, and the colour space any ICC profile declares. Shared by the optimizer (a grey image
 * under an RGB profile, or the reverse, would change meaning, so it keeps the image's colour family whenever a
 * profile is there) and the pixel stage (which moves the profile into a WebP ICCP chunk).
 *
 * <pre>
 * iCCP: profile name (1-79 bytes), \0, u8 compression method (0 = zlib), zlib stream
 * ICC profile header: ..., bytes 16..19 the data colour space ('RGB ', 'GRAY', 'CMYK', ...)
 * </pre>
 *
 * <pre>{@code
 * byte[] profile = PngIccProfiles.profile(iccp.data(png));   // null when malformed or implausibly large
 * boolean grey = "GRAY".equals(PngIccProfiles.colourSpace(profile));
 * }</pre>
 */
public final class PngIccProfiles {

    /** Larger profiles are not real colour profiles; a PNG bomb in iCCP must not inflate without bound. */
    public static final int MAX_BYTES = 4 << 20;
    /** A PNG keyword is 1 to 79 bytes, so its NUL is within the first 80. */
    private static final int MAX_NAME_AND_NUL = 80;
    private static final int HEADER_BYTES = 20;

    private PngIccProfiles() {
    }

    static PngEncoding.ColourFamily family(PngFile png, PngHeader header) {
        PngChunk iccp = PngOptimizer.first(png, "iCCP");
        if (iccp == null) {
            return PngEncoding.ColourFamily.ANY;
        }
        String space = colourSpace(profile(iccp.data(png.bytes())));
        if ("GRAY".equals(space)) {
            return PngEncoding.ColourFamily.GREY;
        }
        if ("RGB ".equals(space)) {
            return PngEncoding.ColourFamily.COLOUR;
        }
        // unreadable or another space: stay in the family the image already has
        return header.greyFamily() ? PngEncoding.ColourFamily.GREY : PngEncoding.ColourFamily.COLOUR;
    }

    /**
     * The whole profile of an iCCP chunk's data, or null when the chunk is malformed (no name, another compression
     * method, a broken zlib stream) or the profile inflates past {@link #MAX_BYTES}.
     */
    public static byte[] profile(byte[] iccpData) {
        int nul = 0;
        while (nul < iccpData.length && nul < MAX_NAME_AND_NUL && iccpData[nul] != 0) {
            nul++;
        }
        if (nul + 2 > iccpData.length || iccpData[nul + 1] != 0) {
            return null;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(iccpData, nul + 2, iccpData.length - nul - 2);
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

    /** The four-letter colour space of any ICC profile, or null for null or a profile too short to say. */
    public static String colourSpace(byte[] profile) {
        return profile == null || profile.length < HEADER_BYTES ? null
                : new String(profile, 16, 4, StandardCharsets.US_ASCII);
    }
}
