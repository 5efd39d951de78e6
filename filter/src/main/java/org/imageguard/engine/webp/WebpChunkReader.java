package org.imageguard.engine.webp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.io.Bytes;

/**
 * Splits a WebP file into its RIFF chunks; interpretation lives in {@link WebpStructure}.
 *
 * <pre>
 * offset  size  field
 * 0       4     'RIFF'
 * 4       4     u32 LE: number of bytes that follow (file length - 8)
 * 8       4     'WEBP'
 * 12      ...   chunks, each:
 *               4  FourCC ('VP8X', 'VP8 ', 'VP8L', 'ALPH', 'ANIM', 'ANMF', 'ICCP', 'EXIF', 'XMP ', or unknown)
 *               4  u32 LE payload size (without the pad byte)
 *               n  payload
 *               1  pad byte 0, only when n is odd
 * </pre>
 *
 * The RIFF size and the file length may disagree (truncated downloads, trailing junk appended by tools). We trust the
 * smaller of the two: bytes past the RIFF size are ignored, and a RIFF size past the end of the file is cut to the
 * file. Every chunk must still fit inside that range; a missing final pad byte is tolerated.
 *
 * <pre>{@code
 * List<WebpChunk> chunks = WebpChunkReader.read(file); // ImageFormatException when malformed
 * }</pre>
 */
final class WebpChunkReader {

    static final int HEADER_SIZE = 12;
    static final int CHUNK_HEADER_SIZE = 8;
    /** A bound on hostile files made of millions of empty chunks. */
    static final int MAX_CHUNKS = 100_000;

    private WebpChunkReader() {
    }

    static List<WebpChunk> read(byte[] file) {
        return read(file, file.length);
    }

    /** The chunks of the file held in the first {@code length} bytes of {@code file}. */
    static List<WebpChunk> read(byte[] file, int length) {
        requireHeader(file, length);
        long end = Math.min(length, 8 + Bytes.u32le(file, 4));
        List<WebpChunk> chunks = new ArrayList<>();
        long offset = HEADER_SIZE;
        while (offset < end) {
            if (end - offset < CHUNK_HEADER_SIZE) {
                throw error(offset, "expected an 8-byte chunk header, found " + (end - offset) + " bytes");
            }
            int at = (int) offset;
            long size = Bytes.u32le(file, at + 4);
            long payloadEnd = offset + CHUNK_HEADER_SIZE + size;
            if (payloadEnd > end) {
                throw error(offset, "expected chunk '" + fourCc(file, at) + "' of " + size + " bytes to fit in the "
                        + (end - offset - CHUNK_HEADER_SIZE) + " bytes left");
            }
            if (chunks.size() == MAX_CHUNKS) {
                throw error(offset, "expected at most " + MAX_CHUNKS + " chunks, found more");
            }
            chunks.add(new WebpChunk(fourCc(file, at), at + CHUNK_HEADER_SIZE, (int) size));
            offset = payloadEnd + (size & 1);
        }
        if (chunks.isEmpty()) {
            throw error(HEADER_SIZE, "expected at least one chunk, found none");
        }
        return chunks;
    }

    private static void requireHeader(byte[] file, int length) {
        if (length < HEADER_SIZE) {
            throw error(0, "expected a 12-byte RIFF header, found " + length + " bytes");
        }
        if (!"RIFF".equals(fourCc(file, 0))) {
            throw error(0, "expected 'RIFF', found " + printable(file, 0));
        }
        if (!"WEBP".equals(fourCc(file, 8))) {
            throw error(8, "expected 'WEBP', found " + printable(file, 8));
        }
    }

    private static String fourCc(byte[] file, int offset) {
        return new String(file, offset, 4, StandardCharsets.ISO_8859_1);
    }

    private static String printable(byte[] file, int offset) {
        StringBuilder text = new StringBuilder("0x");
        for (int i = 0; i < 4; i++) {
            text.append(String.format("%02X", file[offset + i] & 0xFF));
        }
        return text.toString();
    }

    static ImageFormatException error(long offset, String problem) {
        return new ImageFormatException(ImageFormat.WEBP, offset, problem);
    }
}
