package org.imageguard.engine.png;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;

/**
 * The text chunks: their keyword, the text of an iTXt, and the XMP iTXt we write.
 *
 * <pre>
 * tEXt  keyword (1-79 Latin-1) | 00 | text
 * zTXt  keyword | 00 | method 00 | zlib text
 * iTXt  keyword | 00 | compression flag 0/1 | method 00 | language tag | 00 | translated keyword | 00 | UTF-8 text
 *       (zlib-compressed when the flag is 1)
 * </pre>
 */
final class PngText {

    static final String XMP_KEYWORD = "XML:com.adobe.xmp";
    /** Inflating further than this is treated as a decompression bomb: no honest XMP packet is that large. */
    static final int MAX_INFLATED = 8 << 20;
    private static final int MAX_KEYWORD = 79;

    private PngText() {
    }

    static boolean isText(PngChunk chunk) {
        return chunk.is("tEXt") || chunk.is("zTXt") || chunk.is("iTXt");
    }

    /** The keyword of a text chunk, or the empty string when it has no NUL-terminated keyword of 1-79 bytes. */
    static String keyword(byte[] file, PngChunk chunk) {
        int end = keywordEnd(file, chunk);
        return end < 0 ? "" : new String(file, chunk.dataOffset(), end - chunk.dataOffset(),
                StandardCharsets.ISO_8859_1);
    }

    static boolean isXmp(byte[] file, PngChunk chunk) {
        return chunk.is("iTXt") && XMP_KEYWORD.equals(keyword(file, chunk));
    }

    /** The text of a tEXt, zTXt or iTXt chunk (after its keyword and flags), inflated when compressed. */
    static byte[] text(byte[] file, PngChunk chunk) {
        if (chunk.is("iTXt")) {
            return itxtText(file, chunk);
        }
        int end = chunk.dataOffset() + chunk.length();
        int text = keywordEnd(file, chunk) + 1;
        if (text <= 0) {
            throw error(chunk, "expected a keyword of 1-79 bytes and a NUL, found none");
        }
        if (chunk.is("tEXt")) {
            return Arrays.copyOfRange(file, text, end);
        }
        if (text >= end || file[text] != 0) {
            throw error(chunk, "expected compression method 0 after the keyword, found "
                    + (text >= end ? "end of chunk" : String.valueOf(file[text] & 0xFF)));
        }
        return inflate(file, text + 1, end - text - 1, chunk);
    }

    /** The text of an iTXt chunk, inflated when compressed. */
    private static byte[] itxtText(byte[] file, PngChunk chunk) {
        int end = chunk.dataOffset() + chunk.length();
        int flags = keywordEnd(file, chunk) + 1;
        if (flags <= 0 || flags + 2 > end) {
            throw error(chunk, "expected keyword, NUL, compression flag and method, found " + chunk.length()
                    + " bytes");
        }
        int compressed = file[flags] & 0xFF;
        int method = file[flags + 1] & 0xFF;
        if (compressed > 1 || method != 0) {
            throw error(chunk, "expected compression flag 0 or 1 and method 0, found " + compressed + " and "
                    + method);
        }
        int language = nul(file, flags + 2, end);
        int translated = language < 0 ? -1 : nul(file, language + 1, end);
        if (translated < 0) {
            throw error(chunk, "expected NUL-terminated language tag and translated keyword, found none");
        }
        int text = translated + 1;
        return compressed == 1 ? inflate(file, text, end - text, chunk)
                : Arrays.copyOfRange(file, text, end);
    }

    /** The data of our XMP iTXt: uncompressed, no language, no translated keyword (Adobe's layout). */
    static byte[] xmpChunkData(byte[] packet) {
        byte[] keyword = XMP_KEYWORD.getBytes(StandardCharsets.ISO_8859_1);
        byte[] data = new byte[keyword.length + 5 + packet.length];
        System.arraycopy(keyword, 0, data, 0, keyword.length);
        // NUL, compression flag 0, method 0, empty language + NUL, empty translated keyword + NUL: all zero bytes.
        System.arraycopy(packet, 0, data, keyword.length + 5, packet.length);
        return data;
    }

    private static int keywordEnd(byte[] file, PngChunk chunk) {
        int limit = chunk.dataOffset() + Math.min(chunk.length(), MAX_KEYWORD + 1);
        int end = nul(file, chunk.dataOffset(), limit);
        return end == chunk.dataOffset() ? -1 : end;
    }

    private static int nul(byte[] file, int from, int to) {
        for (int i = from; i < to; i++) {
            if (file[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] inflate(byte[] file, int offset, int length, PngChunk chunk) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(file, offset, length);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(MAX_INFLATED, length * 4L + 64));
            byte[] buffer = new byte[16384];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished()) {
                    throw error(chunk, "expected a complete zlib stream, found it truncated");
                }
                if (out.size() + n > MAX_INFLATED) {
                    throw error(chunk, "expected compressed text of at most " + MAX_INFLATED
                            + " bytes inflated, found more (decompression bomb?)");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new ImageFormatException(ImageFormat.PNG, chunk.offset(),
                    "expected a zlib stream in " + chunk.type() + ", found corrupt data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static ImageFormatException error(PngChunk chunk, String problem) {
        return new ImageFormatException(ImageFormat.PNG, chunk.offset(), chunk.type() + ": " + problem);
    }
}
