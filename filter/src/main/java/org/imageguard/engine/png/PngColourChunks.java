package org.imageguard.engine.png;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import org.imageguard.engine.io.Bytes;

/**
 * The ancillary chunks whose layout follows the colour type, carried over to a new encoding or dropped when the new
 * one cannot say the same thing: bKGD (a grey value, an RGB triple or a palette index) and sBIT (significant bits per
 * channel of the source, at most the new sample depth).
 */
final class PngColourChunks {

    private PngColourChunks() {
    }

    /** bKGD for {@code target}, or null when it has no exact equivalent there (or the source's was malformed). */
    static byte[] background(byte[] data, PngRaster source, PngEncoding target) {
        long colour = sourceBackground(data, source);
        if (colour < 0) {
            return null;
        }
        int r = PngRaster.red(colour);
        int g = PngRaster.green(colour);
        int b = PngRaster.blue(colour);
        if (source.sampleDepth() == 16 && target.bitDepth() != 16) {
            if (r % 257 != 0 || g % 257 != 0 || b % 257 != 0) {
                return null;
            }
            r /= 257;
            g /= 257;
            b /= 257;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (target.colourType()) {
            case PngHeader.GREY, PngHeader.GREY_ALPHA -> {
                int scale = target.bitDepth() < 8 ? 255 / ((1 << target.bitDepth()) - 1) : 1;
                if (r != g || g != b || r % scale != 0) {
                    return null;
                }
                PngEncoding.writeU16(out, r / scale);
            }
            case PngHeader.PALETTE -> {
                int index = paletteEntry(target.palette(), r, g, b);
                if (index < 0) {
                    return null;
                }
                out.write(index);
            }
            default -> {
                PngEncoding.writeU16(out, r);
                PngEncoding.writeU16(out, g);
                PngEncoding.writeU16(out, b);
            }
        }
        return out.toByteArray();
    }

    private static long sourceBackground(byte[] data, PngRaster source) {
        PngHeader h = source.header();
        switch (h.colourType()) {
            case PngHeader.PALETTE -> {
                if (data.length != 1 || (data[0] & 0xFF) >= source.palette().length) {
                    return -1;
                }
                int e = source.palette()[data[0] & 0xFF];
                return PngRaster.pack(e >>> 24, e >>> 16 & 0xFF, e >>> 8 & 0xFF, 0);
            }
            case PngHeader.GREY, PngHeader.GREY_ALPHA -> {
                if (data.length != 2) {
                    return -1;
                }
                int v = Bytes.u16be(data, 0);
                if (v >= 1 << h.bitDepth()) {
                    return -1;
                }
                int scaled = h.bitDepth() < 8 ? v * (255 / ((1 << h.bitDepth()) - 1)) : v;
                return PngRaster.pack(scaled, scaled, scaled, 0);
            }
            default -> {
                if (data.length != 6) {
                    return -1;
                }
                int r = Bytes.u16be(data, 0);
                int g = Bytes.u16be(data, 2);
                int b = Bytes.u16be(data, 4);
                int limit = 1 << h.bitDepth();
                return r >= limit || g >= limit || b >= limit ? -1 : PngRaster.pack(r, g, b, 0);
            }
        }
    }

    private static int paletteEntry(long[] palette, int r, int g, int b) {
        int any = -1;
        for (int i = 0; i < palette.length; i++) {
            long e = palette[i];
            if (PngRaster.red(e) == r && PngRaster.green(e) == g && PngRaster.blue(e) == b) {
                if (PngRaster.alpha(e) == 0xFF) {
                    return i;
                }
                any = any < 0 ? i : any;
            }
        }
        return any;
    }

    /** sBIT for {@code target}, or null when the source's is malformed. */
    static byte[] significantBits(byte[] data, PngHeader source, PngEncoding target) {
        int sourceDepth = source.colourType() == PngHeader.PALETTE ? 8 : source.bitDepth();
        int channels = source.colourType() == PngHeader.PALETTE ? 3 : source.channels();
        if (data.length != channels) {
            return null;
        }
        for (byte b : data) {
            if (b <= 0 || b > sourceDepth) {
                return null;
            }
        }
        int grey;
        int[] rgb = new int[3];
        int alpha = sourceDepth;
        if (source.greyFamily()) {
            grey = data[0];
            Arrays.fill(rgb, grey);
            if (source.colourType() == PngHeader.GREY_ALPHA) {
                alpha = data[1];
            }
        } else {
            rgb = new int[] {data[0], data[1], data[2]};
            grey = Math.max(rgb[0], Math.max(rgb[1], rgb[2]));
            if (source.colourType() == PngHeader.RGBA) {
                alpha = data[3];
            }
        }
        int depth = target.colourType() == PngHeader.PALETTE ? 8 : target.bitDepth();
        return switch (target.colourType()) {
            case PngHeader.GREY -> new byte[] {clamp(grey, depth)};
            case PngHeader.GREY_ALPHA -> new byte[] {clamp(grey, depth), clamp(alpha, depth)};
            case PngHeader.RGB, PngHeader.PALETTE -> new byte[] {clamp(rgb[0], depth), clamp(rgb[1], depth),
                    clamp(rgb[2], depth)};
            default -> new byte[] {clamp(rgb[0], depth), clamp(rgb[1], depth), clamp(rgb[2], depth),
                    clamp(alpha, depth)};
        };
    }

    private static byte clamp(int bits, int depth) {
        return (byte) Math.min(bits, depth);
    }
}
