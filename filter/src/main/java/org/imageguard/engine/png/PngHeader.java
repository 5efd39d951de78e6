package org.imageguard.engine.png;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.io.Bytes;

/**
 * The image-describing fields of IHDR, checked against the combinations PNG allows.
 *
 * <pre>
 * colour type  0 grey | 2 RGB | 3 palette | 4 grey + alpha | 6 RGBA
 * bit depth    0: 1 2 4 8 16 | 3: 1 2 4 8 | 2, 4, 6: 8 16
 * </pre>
 */
record PngHeader(int width, int height, int bitDepth, int colourType, boolean interlaced) {

    static final int GREY = 0;
    static final int RGB = 2;
    static final int PALETTE = 3;
    static final int GREY_ALPHA = 4;
    static final int RGBA = 6;

    /** @throws ImageFormatException when a field has a value PNG does not define */
    static PngHeader of(PngFile png) {
        PngChunk ihdr = png.chunks().get(0);
        byte[] b = png.bytes();
        int at = ihdr.dataOffset();
        int bitDepth = b[at + 8] & 0xFF;
        int colourType = b[at + 9] & 0xFF;
        if (!validDepth(colourType, bitDepth)) {
            throw new ImageFormatException(ImageFormat.PNG, at + 8, "expected a bit depth and colour type PNG "
                    + "defines, found bit depth " + bitDepth + " with colour type " + colourType);
        }
        if (b[at + 10] != 0 || b[at + 11] != 0) {
            throw new ImageFormatException(ImageFormat.PNG, at + 10, "expected compression and filter method 0, "
                    + "found " + (b[at + 10] & 0xFF) + " and " + (b[at + 11] & 0xFF));
        }
        int interlace = b[at + 12] & 0xFF;
        if (interlace > 1) {
            throw new ImageFormatException(ImageFormat.PNG, at + 12, "expected interlace method 0 or 1, found "
                    + interlace);
        }
        return new PngHeader(png.width(), png.height(), bitDepth, colourType, interlace == 1);
    }

    private static boolean validDepth(int colourType, int depth) {
        return switch (colourType) {
            case GREY -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
            case PALETTE -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
            case RGB, GREY_ALPHA, RGBA -> depth == 8 || depth == 16;
            default -> false;
        };
    }

    static int channels(int colourType) {
        return switch (colourType) {
            case RGB -> 3;
            case GREY_ALPHA -> 2;
            case RGBA -> 4;
            default -> 1;
        };
    }

    int channels() {
        return channels(colourType);
    }

    int bitsPerPixel() {
        return channels() * bitDepth;
    }

    /** Bytes per pixel rounded up: the distance the filters look back. */
    int filterDistance() {
        return Math.max(1, bitsPerPixel() / 8);
    }

    /** Bytes of one unfiltered row of {@code columns} pixels. */
    long stride(long columns) {
        return (columns * bitsPerPixel() + 7) / 8;
    }

    boolean greyFamily() {
        return colourType == GREY || colourType == GREY_ALPHA;
    }

    /** The 13 bytes of IHDR for this header. */
    byte[] ihdr() {
        byte[] data = new byte[13];
        Bytes.putU32be(data, 0, width);
        Bytes.putU32be(data, 4, height);
        data[8] = (byte) bitDepth;
        data[9] = (byte) colourType;
        data[12] = (byte) (interlaced ? 1 : 0);
        return data;
    }
}
