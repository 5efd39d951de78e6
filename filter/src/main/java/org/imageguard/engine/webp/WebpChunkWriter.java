package org.imageguard.engine.webp;

import java.nio.charset.StandardCharsets;

import org.imageguard.engine.io.Bytes;
import org.imageguard.engine.io.GatheredOutput;

/**
 * Reassembles a WebP file chunk by chunk (layout in {@link WebpChunkReader}): pads odd payloads and fills in the RIFF
 * size (file length - 8) at the end.
 *
 * <pre>{@code
 * WebpChunkWriter out = new WebpChunkWriter();
 * out.copy(input, vp8Chunk);
 * out.chunk(WebpChunk.XMP, packet);
 * byte[] webp = out.gathered().toByteArray();
 * }</pre>
 */
final class WebpChunkWriter {

    private static final byte[] PAD = {0};

    /** "RIFF", the size (filled in by {@link #gathered}), "WEBP". */
    private final byte[] header = "RIFF\0\0\0\0WEBP".getBytes(StandardCharsets.ISO_8859_1);
    /** Chunks of the input by reference, copied once into the result (no growing buffer and trimmed copy). */
    private final GatheredOutput out = new GatheredOutput();

    WebpChunkWriter() {
        out.add(header);
    }

    /** Copies a chunk of the input file as it is. */
    void copy(byte[] file, WebpChunk chunk) {
        write(chunk.fourCc(), file, chunk.payloadOffset(), chunk.size());
    }

    void chunk(String fourCc, byte[] payload) {
        write(fourCc, payload, 0, payload.length);
    }

    private void write(String fourCc, byte[] source, int offset, int size) {
        byte[] chunkHeader = new byte[WebpChunkReader.CHUNK_HEADER_SIZE];
        byte[] name = fourCc.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(name, 0, chunkHeader, 0, 4);
        Bytes.putU32le(chunkHeader, 4, size);
        out.add(chunkHeader);
        out.add(source, offset, size);
        if ((size & 1) == 1) {
            out.add(PAD);
        }
    }

    /** The file as pieces (the input's chunks by reference), the RIFF size filled in. */
    GatheredOutput gathered() {
        Bytes.putU32le(header, 4, out.size() - 8L);
        return out;
    }
}
