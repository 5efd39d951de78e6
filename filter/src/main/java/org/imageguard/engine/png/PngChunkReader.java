package org.imageguard.engine.png;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.io.Bytes;

/**
 * Splits a PNG file into chunks; it interprets nothing but IHDR's dimensions.
 *
 * <pre>
 * signature  89 50 4E 47 0D 0A 1A 0A
 * chunk      u32 BE length (at most 2^31-1) | type: 4 ASCII letters | data[length] | u32 BE CRC-32 of type + data
 * IHDR       first, 13 bytes: u32 width, u32 height (both 1..2^31-1), bit depth, colour type, compression, filter,
 *            interlace
 * IEND       last; anything after it is not part of the image
 * </pre>
 *
 * A critical chunk (IHDR, PLTE, IDAT, IEND, ...) whose CRC does not match is an error, as in libpng; an ancillary one
 * is only flagged ({@link PngChunk#crcValid()}), since decoders skip it.
 *
 * <pre>{@code
 * PngFile png = PngChunkReader.read(bytes);
 * int width = png.width();
 * }</pre>
 */
public final class PngChunkReader {

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final int IHDR_LENGTH = 13;
    private static final long MAX_LENGTH = 0x7FFF_FFFFL;

    private PngChunkReader() {
    }

    /** @throws ImageFormatException when the file is not a complete, well-formed chunk sequence */
    public static PngFile read(byte[] input) {
        return read(input, input.length);
    }

    /**
     * The file held in the first {@code length} bytes of {@code input}.
     *
     * @throws ImageFormatException as {@link #read(byte[])}
     */
    public static PngFile read(byte[] input, int length) {
        checkSignature(input, length);
        List<PngChunk> chunks = new ArrayList<>();
        int pos = SIGNATURE.length;
        while (true) {
            PngChunk chunk = readChunk(input, length, pos);
            if (chunks.isEmpty()) {
                checkHeader(input, chunk);
            } else if (chunk.is("IHDR")) {
                throw error(pos, "expected one IHDR, found a second one");
            }
            chunks.add(chunk);
            pos = chunk.end();
            if (chunk.is("IEND")) {
                break;
            }
        }
        PngChunk ihdr = chunks.get(0);
        int width = (int) Bytes.u32be(input, ihdr.dataOffset());
        int height = (int) Bytes.u32be(input, ihdr.dataOffset() + 4);
        return new PngFile(input, chunks, width, height, length - pos);
    }

    private static void checkSignature(byte[] input, int length) {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (i >= length || input[i] != SIGNATURE[i]) {
                throw error(0, "expected the PNG signature 89 50 4E 47 0D 0A 1A 0A, found "
                        + hex(input, 0, Math.min(length, SIGNATURE.length)));
            }
        }
    }

    /** The chunk at {@code pos} of the file held in the first {@code fileLength} bytes of {@code input}. */
    private static PngChunk readChunk(byte[] input, int fileLength, int pos) {
        if ((long) pos + PngChunk.OVERHEAD > fileLength) {
            throw error(pos, "expected a chunk (12 bytes at least) or IEND, found end of file after "
                    + (fileLength - pos) + " bytes");
        }
        long length = Bytes.u32be(input, pos);
        if (length > MAX_LENGTH) {
            throw error(pos, "expected a chunk length of at most 2^31-1, found " + length);
        }
        String type = type(input, pos + 4);
        if ((long) pos + PngChunk.OVERHEAD + length > fileLength) {
            throw error(pos, "expected " + length + " bytes of " + type + " data and a CRC, found end of file "
                    + (fileLength - pos - 8) + " bytes later");
        }
        int dataLength = (int) length;
        long stored = Bytes.u32be(input, pos + 8 + dataLength);
        long actual = crc(input, pos + 4, 4 + dataLength);
        boolean crcValid = stored == actual;
        if (!crcValid && Character.isUpperCase(type.charAt(0))) {
            throw error(pos, "expected CRC " + Long.toHexString(actual) + " for critical chunk " + type + ", found "
                    + Long.toHexString(stored));
        }
        return new PngChunk(pos, type, dataLength, crcValid);
    }

    private static String type(byte[] input, int at) {
        for (int i = at; i < at + 4; i++) {
            int c = input[i] & 0xFF;
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                throw error(at, "expected a chunk type of 4 ASCII letters, found " + hex(input, at, 4));
            }
        }
        return new String(input, at, 4, StandardCharsets.US_ASCII);
    }

    private static void checkHeader(byte[] input, PngChunk first) {
        if (!first.is("IHDR") || first.length() != IHDR_LENGTH) {
            throw error(first.offset(), "expected IHDR of 13 bytes first, found " + first.type() + " of "
                    + first.length() + " bytes");
        }
        long width = Bytes.u32be(input, first.dataOffset());
        long height = Bytes.u32be(input, first.dataOffset() + 4);
        if (width == 0 || height == 0 || width > MAX_LENGTH || height > MAX_LENGTH) {
            throw error(first.dataOffset(), "expected width and height in 1..2^31-1, found " + width + "x" + height);
        }
    }

    static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    private static String hex(byte[] bytes, int offset, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = offset; i < offset + length; i++) {
            sb.append(String.format("%02X ", bytes[i] & 0xFF));
        }
        return length == 0 ? "nothing" : sb.toString().trim();
    }

    private static ImageFormatException error(long offset, String problem) {
        return new ImageFormatException(ImageFormat.PNG, offset, problem);
    }
}
