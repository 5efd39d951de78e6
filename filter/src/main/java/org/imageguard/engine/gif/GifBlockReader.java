package org.imageguard.engine.gif;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.io.Bytes;

/**
 * Splits a GIF into its blocks; it interprets nothing but the screen size.
 *
 * <pre>
 * header      "GIF87a" | "GIF89a"
 * screen      u16 LE width, u16 LE height, packed (bit 7: global colour table; bits 0-2: n, the table holds
 *             2^(n+1) RGB triples), background colour index, pixel aspect ratio
 * blocks      2C image: u16 LE left, top, width, height, packed (bit 7: local colour table; bits 0-2 its size as
 *                above), [local colour table], LZW minimum code size, sub-blocks
 *             21 extension: label (F9 graphic control, FE comment, 01 plain text, FF application, whose first
 *                sub-block is 11 bytes: 8-byte identifier + 3-byte authentication code), sub-blocks
 *             3B trailer
 * sub-blocks  u8 size (1-255) + that many bytes, repeated, ended by a 00 size byte
 * </pre>
 *
 * A file that ends at a block boundary without its trailer is accepted (browsers show it); anything that ends
 * inside a block is not.
 *
 * <pre>{@code
 * GifFile gif = GifBlockReader.read(bytes);
 * int frames = gif.frames();
 * }</pre>
 */
public final class GifBlockReader {

    static final int SCREEN_END = 13;
    private static final int IMAGE_DESCRIPTOR = 0x2C;
    private static final int EXTENSION = 0x21;
    private static final int TRAILER = 0x3B;
    private static final int IMAGE_HEADER = 10;
    private static final int APPLICATION_ID_LENGTH = 11;

    private GifBlockReader() {
    }

    /** @throws ImageFormatException when the file is not a well-formed block sequence */
    public static GifFile read(byte[] input) {
        String version = version(input);
        int width = Bytes.u16le(input, 6);
        int height = Bytes.u16le(input, 8);
        int pos = skipColourTable(input, SCREEN_END, input[10], "global");
        int screenEnd = pos;
        List<GifBlock> blocks = new ArrayList<>();
        while (pos < input.length && (input[pos] & 0xFF) != TRAILER) {
            GifBlock block = readBlock(input, pos);
            blocks.add(block);
            pos = block.end();
        }
        boolean hasTrailer = pos < input.length;
        int trailing = hasTrailer ? input.length - pos - 1 : 0;
        return new GifFile(input, version, width, height, screenEnd, blocks, hasTrailer, trailing);
    }

    private static String version(byte[] input) {
        if (input.length < SCREEN_END) {
            throw error(0, "expected a 6-byte header and 7-byte screen descriptor, found " + input.length + " bytes");
        }
        String header = new String(input, 0, 6, StandardCharsets.ISO_8859_1);
        if (!header.equals("GIF87a") && !header.equals("GIF89a")) {
            throw error(0, "expected GIF87a or GIF89a, found \"" + header.replaceAll("[^ -~]", "?") + "\"");
        }
        return header.substring(3);
    }

    private static GifBlock readBlock(byte[] input, int pos) {
        int introducer = input[pos] & 0xFF;
        if (introducer == IMAGE_DESCRIPTOR) {
            return readImage(input, pos);
        }
        if (introducer != EXTENSION) {
            throw error(pos, String.format("expected 0x2C image, 0x21 extension or 0x3B trailer, found 0x%02X",
                    introducer));
        }
        need(input, pos, 2, "an extension label");
        int label = input[pos + 1] & 0xFF;
        String applicationId = "";
        if (label == GifBlock.APPLICATION && pos + 2 < input.length
                && (input[pos + 2] & 0xFF) == APPLICATION_ID_LENGTH) {
            need(input, pos + 3, APPLICATION_ID_LENGTH, "an application identifier");
            applicationId = new String(input, pos + 3, APPLICATION_ID_LENGTH, StandardCharsets.ISO_8859_1);
        }
        return new GifBlock(pos, skipSubBlocks(input, pos + 2), label, applicationId);
    }

    private static GifBlock readImage(byte[] input, int pos) {
        need(input, pos + 1, IMAGE_HEADER - 1, "an image descriptor");
        int afterTable = skipColourTable(input, pos + IMAGE_HEADER, input[pos + 9], "local");
        need(input, afterTable, 1, "the LZW minimum code size");
        return new GifBlock(pos, skipSubBlocks(input, afterTable + 1), GifBlock.IMAGE, "");
    }

    private static int skipColourTable(byte[] input, int pos, byte packed, String which) {
        if ((packed & 0x80) == 0) {
            return pos;
        }
        int size = 3 << ((packed & 0x07) + 1);
        need(input, pos, size, "a " + which + " colour table of " + size + " bytes");
        return pos + size;
    }

    /** Follows a sub-block chain from its first size byte; returns the offset just past the 00 terminator. */
    static int skipSubBlocks(byte[] input, int pos) {
        long at = pos;
        while (true) {
            if (at >= input.length) {
                throw error(at, "expected a sub-block size or 00 terminator, found end of file");
            }
            int size = input[(int) at] & 0xFF;
            if (size == 0) {
                return (int) at + 1;
            }
            if (at + 1 + size > input.length) {
                throw error(at, "expected a sub-block of " + size + " bytes, found " + (input.length - at - 1));
            }
            at += 1 + size;
        }
    }

    private static void need(byte[] input, long pos, int count, String what) {
        if (pos + count > input.length) {
            throw error(pos, "expected " + what + ", found end of file");
        }
    }

    private static ImageFormatException error(long offset, String problem) {
        return new ImageFormatException(ImageFormat.GIF, offset, problem);
    }
}
