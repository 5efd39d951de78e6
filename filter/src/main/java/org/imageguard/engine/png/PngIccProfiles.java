package org.imageguard.engine.png;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the colour space of an embedded ICC profile (iCCP: name, NUL, method 0, zlib-compressed profile whose bytes
 * 16..19 say {@code 'RGB '} or {@code 'GRAY'}). A grey image under an RGB profile, or the reverse, would change
 * meaning, so the optimizer keeps the image's colour family whenever a profile is there.
 */
final class PngIccProfiles {

    private static final int HEADER_BYTES = 20;

    private PngIccProfiles() {
    }

    static PngEncoding.ColourFamily family(PngFile png, PngHeader header) {
        PngChunk iccp = PngOptimizer.first(png, "iCCP");
        if (iccp == null) {
            return PngEncoding.ColourFamily.ANY;
        }
        String space = colourSpace(iccp.data(png.bytes()));
        if ("GRAY".equals(space)) {
            return PngEncoding.ColourFamily.GREY;
        }
        if ("RGB ".equals(space)) {
            return PngEncoding.ColourFamily.COLOUR;
        }
        // unreadable or another space: stay in the family the image already has
        return header.greyFamily() ? PngEncoding.ColourFamily.GREY : PngEncoding.ColourFamily.COLOUR;
    }

    /** The four-letter colour space, or null when the profile cannot be read that far. */
    static String colourSpace(byte[] iccp) {
        int nul = 0;
        while (nul < iccp.length && nul < 80 && iccp[nul] != 0) {
            nul++;
        }
        if (nul + 2 > iccp.length || iccp[nul + 1] != 0) {
            return null;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(iccp, nul + 2, iccp.length - nul - 2);
            byte[] head = new byte[HEADER_BYTES];
            int filled = 0;
            while (filled < HEADER_BYTES && !inflater.finished() && !inflater.needsInput()
                    && !inflater.needsDictionary()) {
                int n = inflater.inflate(head, filled, HEADER_BYTES - filled);
                if (n == 0 && inflater.needsInput()) {
                    break;
                }
                filled += n;
            }
            return filled < HEADER_BYTES ? null
                    : new String(head, 16, 4, java.nio.charset.StandardCharsets.US_ASCII);
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }
}
