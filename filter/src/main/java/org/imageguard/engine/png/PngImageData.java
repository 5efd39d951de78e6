package org.imageguard.engine.png;

import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;

/**
 * Decodes the IDAT stream into unfiltered, non-interlaced rows: inflate (into a buffer exactly the size IHDR
 * promises, never more), undo the five row filters, and for Adam7 images put the seven passes back together.
 *
 * <pre>
 * non-interlaced  height × (filter byte + stride)
 * Adam7           7 reduced images, pass p starting at (x0, y0) every (dx, dy) pixels; an empty pass has no rows
 * </pre>
 */
final class PngImageData {

    /** {x0, y0, dx, dy} of the seven Adam7 passes. */
    private static final int[][] ADAM7 = {
            {0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};

    private PngImageData() {
    }

    /** Bytes the inflated IDAT stream must have: filter bytes included, every pass for Adam7. */
    static long inflatedSize(PngHeader header) {
        if (!header.interlaced()) {
            return header.height() * (1 + header.stride(header.width()));
        }
        long total = 0;
        for (int[] pass : ADAM7) {
            long columns = passExtent(header.width(), pass[0], pass[2]);
            long rows = passExtent(header.height(), pass[1], pass[3]);
            if (columns > 0 && rows > 0) {
                total += rows * (1 + header.stride(columns));
            }
        }
        return total;
    }

    /**
     * @param inflatedSize {@link #inflatedSize}, already checked against the caller's memory cap
     * @return {@code height × stride} bytes, rows in order, no filter bytes
     * @throws ImageFormatException for corrupt zlib data, too little or too much of it, or an unknown filter type
     */
    static byte[] decode(PngFile png, PngHeader header, int inflatedSize) {
        byte[] inflated = inflate(png, inflatedSize);
        int stride = (int) header.stride(header.width());
        if (!header.interlaced()) {
            unfilter(inflated, 0, header.height(), stride, header.filterDistance(), firstIdat(png));
            return inflated;
        }
        byte[] rows = new byte[Math.multiplyExact(header.height(), stride)];
        int at = 0;
        for (int[] pass : ADAM7) {
            int columns = passExtent(header.width(), pass[0], pass[2]);
            int passRows = passExtent(header.height(), pass[1], pass[3]);
            if (columns == 0 || passRows == 0) {
                continue;
            }
            int passStride = (int) header.stride(columns);
            unfilter(inflated, at, passRows, passStride, header.filterDistance(), firstIdat(png));
            scatter(inflated, at, passStride, columns, passRows, pass, rows, stride, header.bitsPerPixel());
            at += passRows * (1 + passStride);
        }
        return rows;
    }

    private static int passExtent(int size, int start, int step) {
        return size <= start ? 0 : (size - start + step - 1) / step;
    }

    private static int firstIdat(PngFile png) {
        return png.chunks().stream().filter(c -> c.is("IDAT")).findFirst().map(PngChunk::offset).orElse(0);
    }

    private static byte[] inflate(PngFile png, int size) {
        List<PngChunk> idats = png.chunks().stream().filter(c -> c.is("IDAT")).toList();
        if (idats.isEmpty()) {
            throw new ImageFormatException(ImageFormat.PNG, png.bytes().length, "expected IDAT, found none");
        }
        byte[] out = new byte[size];
        int filled = 0;
        Inflater inflater = new Inflater();
        try {
            int next = 0;
            PngChunk current = idats.get(0);
            while (filled < size && !inflater.finished()) {
                if (inflater.needsInput()) {
                    if (next == idats.size()) {
                        throw error(current, "expected " + size + " bytes of image data, the zlib stream ended "
                                + "after " + filled);
                    }
                    current = idats.get(next++);
                    inflater.setInput(png.bytes(), current.dataOffset(), current.length());
                    continue;
                }
                if (inflater.needsDictionary()) {
                    throw error(current, "expected zlib data without a preset dictionary, found one");
                }
                filled += inflater.inflate(out, filled, size - filled);
            }
            if (filled < size) {
                throw error(current, "expected " + size + " bytes of image data, found " + filled);
            }
            checkNothingMore(inflater, png.bytes(), idats, next, current);
        } catch (DataFormatException e) {
            throw error(idats.get(0), "expected valid zlib data in IDAT, found: " + e.getMessage());
        } finally {
            inflater.end();
        }
        return out;
    }

    /** Decoders stop at the expected size; more data means IHDR and IDAT disagree, so the image is not ours to fix. */
    private static void checkNothingMore(Inflater inflater, byte[] file, List<PngChunk> idats, int next,
                                         PngChunk current)
            throws DataFormatException {
        byte[] probe = new byte[1];
        int index = next;
        PngChunk chunk = current;
        while (!inflater.finished()) {
            if (inflater.needsInput()) {
                if (index == idats.size()) {
                    return; // no Adler-32 at the end: libpng accepts that once every row is there
                }
                chunk = idats.get(index++);
                inflater.setInput(file, chunk.dataOffset(), chunk.length());
                continue;
            }
            if (inflater.inflate(probe) > 0) {
                throw error(chunk, "expected the image data to end where IHDR says, found more");
            }
            if (inflater.needsDictionary() || !inflater.needsInput()) {
                return;
            }
        }
    }

    private static ImageFormatException error(PngChunk chunk, String problem) {
        return new ImageFormatException(ImageFormat.PNG, chunk.offset(), problem);
    }

    /**
     * Undoes the filters of {@code rows} rows starting at {@code at} and packs them without their filter bytes,
     * starting at {@code at} again: row y moves back y + 1 bytes, ahead of the bytes still to be read.
     */
    static void unfilter(byte[] data, int at, int rows, int stride, int bpp, int errorOffset) {
        for (int y = 0; y < rows; y++) {
            int src = at + y * (stride + 1) + 1;
            int dst = at + y * stride;
            int prev = dst - stride;
            int filter = data[src - 1] & 0xFF;
            switch (filter) {
                case 0 -> System.arraycopy(data, src, data, dst, stride);
                case 1 -> {
                    for (int i = 0; i < stride; i++) {
                        int left = i >= bpp ? data[dst + i - bpp] : 0;
                        data[dst + i] = (byte) (data[src + i] + left);
                    }
                }
                case 2 -> {
                    for (int i = 0; i < stride; i++) {
                        int up = y > 0 ? data[prev + i] : 0;
                        data[dst + i] = (byte) (data[src + i] + up);
                    }
                }
                case 3 -> {
                    for (int i = 0; i < stride; i++) {
                        int left = i >= bpp ? data[dst + i - bpp] & 0xFF : 0;
                        int up = y > 0 ? data[prev + i] & 0xFF : 0;
                        data[dst + i] = (byte) (data[src + i] + ((left + up) >>> 1));
                    }
                }
                case 4 -> {
                    for (int i = 0; i < stride; i++) {
                        int left = i >= bpp ? data[dst + i - bpp] & 0xFF : 0;
                        int up = y > 0 ? data[prev + i] & 0xFF : 0;
                        int upLeft = y > 0 && i >= bpp ? data[prev + i - bpp] & 0xFF : 0;
                        data[dst + i] = (byte) (data[src + i] + PngFilters.paeth(left, up, upLeft));
                    }
                }
                default -> throw new ImageFormatException(ImageFormat.PNG, errorOffset,
                        "expected filter type 0..4 for row " + y + ", found " + filter);
            }
        }
    }

    private static void scatter(byte[] pass, int at, int passStride, int columns, int passRows, int[] geometry,
                                byte[] rows, int stride, int bitsPerPixel) {
        for (int py = 0; py < passRows; py++) {
            int y = geometry[1] + py * geometry[3];
            int src = at + py * passStride;
            int dst = y * stride;
            if (bitsPerPixel >= 8) {
                int bytes = bitsPerPixel / 8;
                for (int px = 0; px < columns; px++) {
                    int x = geometry[0] + px * geometry[2];
                    System.arraycopy(pass, src + px * bytes, rows, dst + x * bytes, bytes);
                }
            } else {
                int mask = (1 << bitsPerPixel) - 1;
                for (int px = 0; px < columns; px++) {
                    int x = geometry[0] + px * geometry[2];
                    int value = bits(pass, src, px, bitsPerPixel) & mask;
                    int bit = x * bitsPerPixel;
                    int shift = 8 - bitsPerPixel - (bit & 7);
                    rows[dst + (bit >>> 3)] |= (byte) (value << shift);
                }
            }
        }
    }

    /** The {@code index}-th sub-byte sample of a row, most significant bits first. */
    static int bits(byte[] row, int rowStart, int index, int bitsPerSample) {
        int bit = index * bitsPerSample;
        int shift = 8 - bitsPerSample - (bit & 7);
        return ((row[rowStart + (bit >>> 3)] & 0xFF) >>> shift) & ((1 << bitsPerSample) - 1);
    }
}
