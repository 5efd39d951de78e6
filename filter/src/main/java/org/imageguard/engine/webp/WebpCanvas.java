package org.imageguard.engine.webp;

import static org.imageguard.engine.webp.WebpChunkReader.error;

import org.imageguard.engine.io.Bytes;

/**
 * The canvas of a WebP image, read from whichever chunk defines it (RFC 9649 §2.5–2.7).
 *
 * <pre>
 * 'VP8 ' (lossy bitstream, RFC 6386 §9.1)
 *   0  3  frame tag, u24 LE: bit 0 = 0 for a key frame, bits 1-3 version, bit 4 show_frame, bits 5-23 partition size
 *   3  3  start code 9D 01 2A
 *   6  2  u16 LE: bits 0-13 width, bits 14-15 horizontal scale (ignored: the canvas is the coded size)
 *   8  2  u16 LE: bits 0-13 height, bits 14-15 vertical scale
 * 'VP8L' (lossless bitstream)
 *   0  1  signature 0x2F
 *   1  4  u32 LE: bits 0-13 width-1, bits 14-27 height-1, bit 28 alpha_is_used, bits 29-31 version (0)
 * 'VP8X' (extended header)
 *   0  1  flags: 0x20 ICC, 0x10 alpha, 0x08 EXIF, 0x04 XMP, 0x02 animation (other bits reserved, zero)
 *   1  3  reserved
 *   4  3  u24 LE canvas width-1
 *   7  3  u24 LE canvas height-1
 * </pre>
 *
 * <pre>{@code
 * WebpCanvas canvas = WebpCanvas.ofVp8(file, chunk); // canvas.width(), canvas.height(), canvas.alpha()
 * }</pre>
 *
 * @param alpha whether the bitstream says it carries transparency (VP8L's alpha_is_used; never for VP8 alone)
 */
record WebpCanvas(int width, int height, boolean alpha) {

    static final int VP8X_SIZE = 10;
    static final int FLAG_ICC = 0x20;
    static final int FLAG_ALPHA = 0x10;
    static final int FLAG_EXIF = 0x08;
    static final int FLAG_XMP = 0x04;
    static final int FLAG_ANIMATION = 0x02;

    /** RFC 9649: the product of canvas width and height must fit in 32 bits. */
    private static final long MAX_PIXELS = 0xFFFF_FFFFL;

    static WebpCanvas ofVp8(byte[] file, WebpChunk chunk) {
        int at = requireSize(chunk, 10);
        if ((file[at] & 1) != 0) {
            throw error(at, "expected a key frame (frame tag bit 0 clear), found an interframe");
        }
        if ((file[at + 3] & 0xFF) != 0x9D || (file[at + 4] & 0xFF) != 0x01 || (file[at + 5] & 0xFF) != 0x2A) {
            throw error(at + 3, String.format("expected start code 9D 01 2A, found %02X %02X %02X",
                    file[at + 3] & 0xFF, file[at + 4] & 0xFF, file[at + 5] & 0xFF));
        }
        int width = Bytes.u16le(file, at + 6) & 0x3FFF;
        int height = Bytes.u16le(file, at + 8) & 0x3FFF;
        if (width == 0 || height == 0) {
            throw error(at + 6, "expected a non-zero frame size, found " + width + "x" + height);
        }
        return new WebpCanvas(width, height, false);
    }

    static WebpCanvas ofVp8l(byte[] file, WebpChunk chunk) {
        int at = requireSize(chunk, 5);
        if ((file[at] & 0xFF) != 0x2F) {
            throw error(at, String.format("expected VP8L signature 0x2F, found 0x%02X", file[at] & 0xFF));
        }
        long bits = Bytes.u32le(file, at + 1);
        if (bits >>> 29 != 0) {
            throw error(at + 1, "expected VP8L version 0, found " + (bits >>> 29));
        }
        int width = (int) (bits & 0x3FFF) + 1;
        int height = (int) (bits >>> 14 & 0x3FFF) + 1;
        return new WebpCanvas(width, height, (bits >>> 28 & 1) == 1);
    }

    static WebpCanvas ofVp8x(byte[] file, WebpChunk chunk) {
        int at = requireSize(chunk, VP8X_SIZE);
        int width = Bytes.u24le(file, at + 4) + 1;
        int height = Bytes.u24le(file, at + 7) + 1;
        if ((long) width * height > MAX_PIXELS) {
            throw error(at + 4, "expected a canvas of at most 2^32-1 pixels, found " + width + "x" + height);
        }
        return new WebpCanvas(width, height, (file[at] & FLAG_ALPHA) != 0);
    }

    /** The 10-byte VP8X payload describing this canvas with the given flags. */
    byte[] vp8xPayload(int flags) {
        byte[] payload = new byte[VP8X_SIZE];
        payload[0] = (byte) flags;
        Bytes.putU24le(payload, 4, width - 1);
        Bytes.putU24le(payload, 7, height - 1);
        return payload;
    }

    private static int requireSize(WebpChunk chunk, int minimum) {
        if (chunk.size() < minimum) {
            throw error(chunk.payloadOffset(), "expected a '" + chunk.fourCc() + "' payload of at least " + minimum
                    + " bytes, found " + chunk.size());
        }
        return chunk.payloadOffset();
    }
}
