package org.imageguard.engine.png;

/**
 * Decoded pixels in the file's own colour type and bit depth, rows packed without filter bytes, read back as RGBA
 * the way a decoder shows them: sub-byte greys scaled to 8 bits (bit replication, exactly {@code v × 255 / (2^d − 1)}),
 * palette entries looked up with their tRNS alpha, the tRNS colour key turned fully transparent.
 *
 * <pre>
 * pixel  long: R << 48 | G << 32 | B << 16 | A, each 0..255 ({@code sampleDepth} 8) or 0..65535 (16)
 * </pre>
 *
 * @param palette RGBA entries (R << 24 | G << 16 | B << 8 | A), null unless colour type 3
 * @param key     the tRNS colour key in raw samples ({grey} or {R, G, B}), null when there is none
 */
record PngRaster(PngHeader header, byte[] rows, int[] palette, int[] key) {

    int sampleDepth() {
        return header.bitDepth() == 16 ? 16 : 8;
    }

    int maxSample() {
        return header.bitDepth() == 16 ? 0xFFFF : 0xFF;
    }

    static long pack(int r, int g, int b, int a) {
        return (long) r << 48 | (long) g << 32 | (long) b << 16 | a;
    }

    static int red(long pixel) {
        return (int) (pixel >>> 48) & 0xFFFF;
    }

    static int green(long pixel) {
        return (int) (pixel >>> 32) & 0xFFFF;
    }

    static int blue(long pixel) {
        return (int) (pixel >>> 16) & 0xFFFF;
    }

    static int alpha(long pixel) {
        return (int) pixel & 0xFFFF;
    }

    /**
     * Fills {@code out[0..width)} with row {@code y}.
     *
     * @return false when a palette index has no PLTE entry (decoders disagree on what such a pixel shows)
     */
    boolean row(int y, long[] out) {
        int width = header.width();
        int stride = (int) header.stride(width);
        int at = y * stride;
        int depth = header.bitDepth();
        int max = maxSample();
        switch (header.colourType()) {
            case PngHeader.GREY -> {
                int scale = depth >= 8 ? 1 : 255 / ((1 << depth) - 1);
                for (int x = 0; x < width; x++) {
                    int raw = sample(at, x, depth);
                    int v = raw * scale;
                    out[x] = pack(v, v, v, key != null && key[0] == raw ? 0 : max);
                }
            }
            case PngHeader.RGB -> {
                for (int x = 0; x < width; x++) {
                    int r = sample(at, 3 * x, depth);
                    int g = sample(at, 3 * x + 1, depth);
                    int b = sample(at, 3 * x + 2, depth);
                    boolean keyed = key != null && key[0] == r && key[1] == g && key[2] == b;
                    out[x] = pack(r, g, b, keyed ? 0 : max);
                }
            }
            case PngHeader.PALETTE -> {
                for (int x = 0; x < width; x++) {
                    int index = sample(at, x, depth);
                    if (index >= palette.length) {
                        return false;
                    }
                    int e = palette[index];
                    out[x] = pack(e >>> 24, e >>> 16 & 0xFF, e >>> 8 & 0xFF, e & 0xFF);
                }
            }
            case PngHeader.GREY_ALPHA -> {
                for (int x = 0; x < width; x++) {
                    int v = sample(at, 2 * x, depth);
                    out[x] = pack(v, v, v, sample(at, 2 * x + 1, depth));
                }
            }
            default -> {
                for (int x = 0; x < width; x++) {
                    out[x] = pack(sample(at, 4 * x, depth), sample(at, 4 * x + 1, depth),
                            sample(at, 4 * x + 2, depth), sample(at, 4 * x + 3, depth));
                }
            }
        }
        return true;
    }

    private int sample(int rowStart, int index, int depth) {
        return switch (depth) {
            case 8 -> rows[rowStart + index] & 0xFF;
            case 16 -> (rows[rowStart + 2 * index] & 0xFF) << 8 | rows[rowStart + 2 * index + 1] & 0xFF;
            default -> PngImageData.bits(rows, rowStart, index, depth);
        };
    }
}
