package org.imageguard.engine.webp;

import java.util.Arrays;

/**
 * One RIFF chunk of a WebP file: its FourCC and where its payload lies in the file it was read from. The pad byte of an
 * odd-sized chunk is not part of {@code size}.
 *
 * <pre>{@code
 * for (WebpChunk chunk : WebpChunkReader.read(file)) {
 *     if (chunk.is(WebpChunk.XMP)) { byte[] packet = chunk.payload(file); }
 * }
 * }</pre>
 *
 * @param fourCc        the four ASCII characters naming the chunk, e.g. {@code "VP8 "} (trailing space kept)
 * @param payloadOffset where the payload starts in the file
 * @param size          the payload length in bytes
 */
record WebpChunk(String fourCc, int payloadOffset, int size) {

    static final String VP8X = "VP8X";
    static final String VP8 = "VP8 ";
    static final String VP8L = "VP8L";
    static final String ALPH = "ALPH";
    static final String ANIM = "ANIM";
    static final String ANMF = "ANMF";
    static final String ICCP = "ICCP";
    static final String EXIF = "EXIF";
    static final String XMP = "XMP ";

    boolean is(String type) {
        return fourCc.equals(type);
    }

    /** Bitstream chunks: what decodes to pixels and must be copied untouched, in order. */
    boolean isImageData() {
        return is(ALPH) || is(VP8) || is(VP8L) || is(ANMF);
    }

    byte[] payload(byte[] file) {
        return Arrays.copyOfRange(file, payloadOffset, payloadOffset + size);
    }
}
