package org.imageguard.engine.webp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.imageguard.engine.io.Bytes;

/**
 * Reassembles a WebP file chunk by chunk (layout in {@link WebpChunkReader}): pads odd payloads and fills in the RIFF
 * size (file length - 8) at the end.
 *
 * <pre>{@code
 * WebpChunkWriter out = new WebpChunkWriter(input.length + 1024);
 * out.copy(input, vp8Chunk);
 * out.chunk(WebpChunk.XMP, packet);
 * byte[] webp = out.toByteArray();
 * }</pre>
 */
final class WebpChunkWriter {

    private final ByteArrayOutputStream out;

    WebpChunkWriter(int expectedSize) {
        out = new ByteArrayOutputStream(Math.max(expectedSize, WebpChunkReader.HEADER_SIZE));
        out.writeBytes("RIFF\0\0\0\0WEBP".getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Copies a chunk of the input file as it is. */
    void copy(byte[] file, WebpChunk chunk) {
        write(chunk.fourCc(), file, chunk.payloadOffset(), chunk.size());
    }

    void chunk(String fourCc, byte[] payload) {
        write(fourCc, payload, 0, payload.length);
    }

    private void write(String fourCc, byte[] source, int offset, int size) {
        byte[] header = new byte[WebpChunkReader.CHUNK_HEADER_SIZE];
        byte[] name = fourCc.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(name, 0, header, 0, 4);
        Bytes.putU32le(header, 4, size);
        out.writeBytes(header);
        out.write(source, offset, size);
        if ((size & 1) == 1) {
            out.write(0);
        }
    }

    byte[] toByteArray() {
        byte[] file = out.toByteArray();
        Bytes.putU32le(file, 4, file.length - 8L);
        return file;
    }
}
