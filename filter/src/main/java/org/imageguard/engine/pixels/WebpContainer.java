package org.imageguard.engine.pixels;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Adds an ICC profile and EXIF to a WebP straight from the encoder (which writes neither): the extended layout with a
 * VP8X header whose flags announce them, ICCP before the image data and EXIF after it, as the container spec orders
 * them. XMP is left to the engine's WebP rewriter, which runs next.
 *
 * <pre>
 * "RIFF" u32le size "WEBP", then chunks: fourCC, u32le size, payload, a pad byte when size is odd
 * VP8X payload: u8 flags (ICC 0x20, alpha 0x10, EXIF 0x08, XMP 0x04, animation 0x02), 3 reserved, u24le width-1,
 *               u24le height-1
 * </pre>
 *
 * <pre>{@code
 * byte[] webp = WebpContainer.withProfile(encoded, icc, exifTiff, width, height, alpha);
 * }</pre>
 */
final class WebpContainer {

    private static final int HEADER = 12;
    private static final int FLAG_ICC = 0x20;
    private static final int FLAG_ALPHA = 0x10;
    private static final int FLAG_EXIF = 0x08;

    private WebpContainer() {
    }

    /** The encoder's file, extended with {@code icc} and {@code exif} (either may be null: then no chunk). */
    static byte[] withProfile(byte[] encoded, byte[] icc, byte[] exif, int width, int height, boolean alpha) {
        if (encoded.length < HEADER + 8 || !ascii(encoded, 0, "RIFF") || !ascii(encoded, 8, "WEBP")) {
            throw new IllegalStateException("the WebP encoder wrote no RIFF/WEBP header");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(encoded.length + (icc == null ? 0 : icc.length) + 64);
        int flags = (icc != null ? FLAG_ICC : 0) | (exif != null ? FLAG_EXIF : 0) | (alpha ? FLAG_ALPHA : 0);
        int pos = HEADER;
        if (ascii(encoded, pos, "VP8X")) {
            flags |= encoded[pos + 8] & 0xFF;
            pos += 8 + 10;
        }
        byte[] vp8x = new byte[10];
        vp8x[0] = (byte) flags;
        u24(vp8x, 4, width - 1);
        u24(vp8x, 7, height - 1);
        chunk(body, "VP8X", vp8x);
        if (icc != null) {
            chunk(body, "ICCP", icc);
        }
        body.write(encoded, pos, encoded.length - pos);
        if (exif != null) {
            chunk(body, "EXIF", exif);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER + body.size());
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le32(body.size() + 4));
        out.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String fourCc, byte[] payload) {
        out.writeBytes(fourCc.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le32(payload.length));
        out.writeBytes(payload);
        if (payload.length % 2 == 1) {
            out.write(0);
        }
    }

    private static byte[] le32(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }

    private static void u24(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
        b[at + 2] = (byte) (value >>> 16);
    }

    private static boolean ascii(byte[] b, int at, String text) {
        if (at + text.length() > b.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (b[at + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
