package org.imageguard.engine.png;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One exact encoding of the decoded pixels: colour type, bit depth, palette and colour key, and the rows packed that
 * way. Every encoding decodes to the same RGBA (as {@link PngRaster} reads it) as the source.
 *
 * @param palette RGBA entries for colour type 3 (transparent ones first, so tRNS stops early), else null
 * @param keyed   whether a tRNS colour key marks the one fully transparent colour
 * @param key     that colour, a {@link PngRaster} pixel in the target sample depth
 */
record PngEncoding(int colourType, int bitDepth, long[] palette, boolean keyed, long key) {

    /** What the pixels allow, best first: fewer bytes per pixel, no palette when grey does as well. */
    static List<PngEncoding> candidates(PngColours c, int sourceDepth, ColourFamily allowed) {
        int depth = sourceDepth == 16 && !c.fits8 ? 16 : 8;
        boolean keyed = !c.opaque && c.singleTransparent;
        long key = keyed ? narrowed(c.transparentColour, sourceDepth, depth) : 0;
        List<PngEncoding> out = new ArrayList<>();
        boolean paletteFits = depth == 8 && c.colours != null && allowed != ColourFamily.GREY;
        if (c.grey && allowed != ColourFamily.COLOUR) {
            int greyDepth = depth == 16 ? 16 : c.greyDepth();
            if (c.opaque || keyed) {
                out.add(new PngEncoding(PngHeader.GREY, greyDepth, null, keyed, key));
            } else if (!paletteFits) {
                out.add(new PngEncoding(PngHeader.GREY_ALPHA, depth, null, false, 0));
            }
        }
        if (paletteFits) {
            long[] palette = palette(c, sourceDepth);
            out.add(new PngEncoding(PngHeader.PALETTE, PngColours.paletteDepth(palette.length), palette, false, 0));
        }
        if (c.grey && !c.opaque && !keyed && paletteFits) {
            out.add(new PngEncoding(PngHeader.GREY_ALPHA, depth, null, false, 0));
        }
        if (allowed != ColourFamily.GREY) {
            if (c.opaque || keyed) {
                out.add(new PngEncoding(PngHeader.RGB, depth, null, keyed, key));
            } else {
                out.add(new PngEncoding(PngHeader.RGBA, depth, null, false, 0));
            }
        }
        return out;
    }

    /** Which colour types an embedded ICC profile allows: its colour space must stay the image's. */
    enum ColourFamily { ANY, GREY, COLOUR }

    private static long narrowed(long pixel, int sourceDepth, int depth) {
        if (sourceDepth == 16 && depth == 8) {
            return PngRaster.pack(PngRaster.red(pixel) / 257, PngRaster.green(pixel) / 257,
                    PngRaster.blue(pixel) / 257, PngRaster.alpha(pixel) / 257);
        }
        return pixel;
    }

    private static long[] palette(PngColours c, int sourceDepth) {
        List<Long> entries = new ArrayList<>();
        for (long colour : c.colours.keySet()) {
            entries.add(narrowed(colour, sourceDepth, 8));
        }
        // transparent entries first (least opaque first), opaque ones after in order of appearance: tRNS stays short
        entries.sort(Comparator.comparingInt(e -> PngRaster.alpha(e) == 0xFF ? 0x100 : PngRaster.alpha(e)));
        return entries.stream().mapToLong(Long::longValue).toArray();
    }

    int channels() {
        return PngHeader.channels(colourType);
    }

    PngHeader header(PngHeader source) {
        return new PngHeader(source.width(), source.height(), bitDepth, colourType, false);
    }

    /** The source pixels packed in this encoding: {@code height × stride} bytes. */
    byte[] encode(PngRaster raster) {
        PngHeader target = header(raster.header());
        int width = target.width();
        int stride = (int) target.stride(width);
        byte[] out = new byte[Math.multiplyExact(stride, target.height())];
        long[] row = new long[width];
        boolean narrow = raster.sampleDepth() == 16 && bitDepth != 16;
        int greyScale = colourType == PngHeader.GREY && bitDepth < 8 ? 255 / ((1 << bitDepth) - 1) : 1;
        Map<Long, Integer> index = paletteIndex();
        for (int y = 0; y < target.height(); y++) {
            raster.row(y, row);
            int at = y * stride;
            for (int x = 0; x < width; x++) {
                long p = narrow ? narrowed(row[x], 16, 8) : row[x];
                switch (colourType) {
                    case PngHeader.GREY -> put(out, at, x, bitDepth, PngRaster.red(p) / greyScale);
                    case PngHeader.GREY_ALPHA -> {
                        put(out, at, 2 * x, bitDepth, PngRaster.red(p));
                        put(out, at, 2 * x + 1, bitDepth, PngRaster.alpha(p));
                    }
                    case PngHeader.PALETTE -> put(out, at, x, bitDepth, index.get(p));
                    case PngHeader.RGB -> {
                        put(out, at, 3 * x, bitDepth, PngRaster.red(p));
                        put(out, at, 3 * x + 1, bitDepth, PngRaster.green(p));
                        put(out, at, 3 * x + 2, bitDepth, PngRaster.blue(p));
                    }
                    default -> {
                        put(out, at, 4 * x, bitDepth, PngRaster.red(p));
                        put(out, at, 4 * x + 1, bitDepth, PngRaster.green(p));
                        put(out, at, 4 * x + 2, bitDepth, PngRaster.blue(p));
                        put(out, at, 4 * x + 3, bitDepth, PngRaster.alpha(p));
                    }
                }
            }
        }
        return out;
    }

    private Map<Long, Integer> paletteIndex() {
        Map<Long, Integer> index = new HashMap<>();
        if (palette != null) {
            for (int i = 0; i < palette.length; i++) {
                index.put(palette[i], i);
            }
        }
        return index;
    }

    private static void put(byte[] out, int rowStart, int index, int depth, int value) {
        switch (depth) {
            case 8 -> out[rowStart + index] = (byte) value;
            case 16 -> {
                out[rowStart + 2 * index] = (byte) (value >>> 8);
                out[rowStart + 2 * index + 1] = (byte) value;
            }
            default -> {
                int bit = index * depth;
                out[rowStart + (bit >>> 3)] |= (byte) (value << (8 - depth - (bit & 7)));
            }
        }
    }

    byte[] plte() {
        byte[] data = new byte[3 * palette.length];
        for (int i = 0; i < palette.length; i++) {
            data[3 * i] = (byte) PngRaster.red(palette[i]);
            data[3 * i + 1] = (byte) PngRaster.green(palette[i]);
            data[3 * i + 2] = (byte) PngRaster.blue(palette[i]);
        }
        return data;
    }

    /** The tRNS data this encoding needs, or null. */
    byte[] trns() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (colourType == PngHeader.PALETTE) {
            for (long entry : palette) {
                if (PngRaster.alpha(entry) == 0xFF) {
                    break;
                }
                out.write(PngRaster.alpha(entry));
            }
        } else if (keyed) {
            int scale = colourType == PngHeader.GREY && bitDepth < 8 ? 255 / ((1 << bitDepth) - 1) : 1;
            writeU16(out, PngRaster.red(key) / scale);
            if (colourType == PngHeader.RGB) {
                writeU16(out, PngRaster.green(key));
                writeU16(out, PngRaster.blue(key));
            }
        }
        return out.size() == 0 ? null : out.toByteArray();
    }

    static void writeU16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }
}
