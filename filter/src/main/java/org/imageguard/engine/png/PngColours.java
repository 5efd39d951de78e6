package org.imageguard.engine.png;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one pass over the pixels tells about the smallest exact encoding: whether alpha is all opaque, whether every
 * pixel is grey, whether 16-bit samples are all 8-bit values in disguise (multiples of 257), the distinct colours up
 * to 256 in order of first appearance, the lowest grey bit depth, and whether transparency is a single colour key.
 */
final class PngColours {

    static final int MAX_PALETTE = 256;

    boolean opaque = true;
    boolean grey = true;
    boolean fits8 = true;
    /** Every alpha is 0 or the maximum, and every transparent pixel has the same colour. */
    boolean singleTransparent = true;
    boolean anyTransparent;
    long transparentColour;
    /** Distinct RGBA colours in order of first appearance, with their pixel counts; null once there are more than 256. */
    Map<Long, int[]> colours = new LinkedHashMap<>();
    /** Bit depths 1, 2, 4 (bits 0, 1, 2) that still hold every grey value exactly (8-bit scale only). */
    private int greyDepths = 0b111;
    boolean badPaletteIndex;

    private PngColours() {
    }

    static PngColours of(PngRaster raster) {
        PngColours c = new PngColours();
        int max = raster.maxSample();
        long[] row = new long[raster.header().width()];
        long last = 0;
        boolean started = false;
        for (int y = 0; y < raster.header().height(); y++) {
            if (!raster.row(y, row)) {
                c.badPaletteIndex = true;
                return c;
            }
            for (long pixel : row) {
                if (started && pixel == last) {
                    c.count(pixel);
                    continue;
                }
                last = pixel;
                started = true;
                c.observe(pixel, max);
            }
        }
        if (c.singleTransparent && c.anyTransparent && c.keyAlsoOpaque(raster)) {
            c.singleTransparent = false;
        }
        return c;
    }

    private void count(long pixel) {
        if (colours != null) {
            colours.get(pixel)[0]++;
        }
    }

    private void observe(long pixel, int max) {
        int r = PngRaster.red(pixel);
        int g = PngRaster.green(pixel);
        int b = PngRaster.blue(pixel);
        int a = PngRaster.alpha(pixel);
        if (a != max) {
            opaque = false;
            if (a != 0) {
                singleTransparent = false;
            } else if (!anyTransparent) {
                anyTransparent = true;
                transparentColour = pixel;
            } else if (transparentColour != pixel) {
                singleTransparent = false;
            }
        }
        if (r != g || g != b) {
            grey = false;
        } else if (max == 0xFF) {
            greyDepths &= depthsHolding(r);
        } else if (fits8) {
            greyDepths &= depthsHolding(r / 257);
        }
        if (max == 0xFFFF && fits8 && (r % 257 != 0 || g % 257 != 0 || b % 257 != 0 || a % 257 != 0)) {
            fits8 = false;
        }
        if (colours != null) {
            int[] n = colours.get(pixel);
            if (n != null) {
                n[0]++;
            } else if (colours.size() == MAX_PALETTE) {
                colours = null;
            } else {
                colours.put(pixel, new int[] {1});
            }
        }
    }

    private static int depthsHolding(int v) {
        int d = 0;
        if (v == 0 || v == 255) {
            d |= 1;
        }
        if (v % 85 == 0) {
            d |= 2;
        }
        if (v % 17 == 0) {
            d |= 4;
        }
        return d;
    }

    /** A colour key makes every pixel of that colour transparent, so it works only if no opaque pixel has it. */
    private boolean keyAlsoOpaque(PngRaster raster) {
        long opaqueKey = transparentColour | raster.maxSample();
        long[] row = new long[raster.header().width()];
        for (int y = 0; y < raster.header().height(); y++) {
            raster.row(y, row);
            for (long pixel : row) {
                if (pixel == opaqueKey) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The lowest grey bit depth holding every grey value exactly, for 8-bit samples. */
    int greyDepth() {
        if ((greyDepths & 1) != 0) {
            return 1;
        }
        if ((greyDepths & 2) != 0) {
            return 2;
        }
        return (greyDepths & 4) != 0 ? 4 : 8;
    }

    /** A palette with this many entries needs this many bits per index. */
    static int paletteDepth(int entries) {
        if (entries <= 2) {
            return 1;
        }
        if (entries <= 4) {
            return 2;
        }
        return entries <= 16 ? 4 : 8;
    }
}
