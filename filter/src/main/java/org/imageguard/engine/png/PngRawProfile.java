package org.imageguard.engine.png;

import java.io.ByteArrayOutputStream;

/**
 * ImageMagick's "Raw profile type NAME" text chunks (tEXt or zTXt), its legacy way of carrying EXIF, IPTC and XMP
 * in PNG. ImageMagick 6 still writes XMP this way, so it is where many PNGs on the web keep their XMP.
 *
 * <pre>
 * "\n" NAME "\n" length in decimal, right-aligned in 8 columns "\n" the profile as hex digits, 72 per line "\n"
 * </pre>
 */
final class PngRawProfile {

    static final String XMP_KEYWORD = "Raw profile type xmp";

    private PngRawProfile() {
    }

    /** The decoded profile, or null when the text does not follow the layout above. */
    static byte[] decode(byte[] text, int maxBytes) {
        int pos = skipWhitespace(text, 0);
        while (pos < text.length && text[pos] != '\n') {
            pos++;
        }
        pos = skipWhitespace(text, pos);
        long length = 0;
        int digits = 0;
        for (; pos < text.length && text[pos] >= '0' && text[pos] <= '9' && digits < 10; pos++, digits++) {
            length = length * 10 + (text[pos] - '0');
        }
        if (digits == 0 || length > maxBytes) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(length, text.length / 2));
        int high = -1;
        for (; pos < text.length && out.size() < length; pos++) {
            int nibble = Character.digit(text[pos], 16);
            if (nibble >= 0) {
                if (high < 0) {
                    high = nibble;
                } else {
                    out.write(high << 4 | nibble);
                    high = -1;
                }
            } else if (!Character.isWhitespace(text[pos])) {
                return null;
            }
        }
        return out.size() == length ? out.toByteArray() : null;
    }

    private static int skipWhitespace(byte[] text, int pos) {
        while (pos < text.length && Character.isWhitespace(text[pos])) {
            pos++;
        }
        return pos;
    }
}
