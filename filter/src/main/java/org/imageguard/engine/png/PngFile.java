package org.imageguard.engine.png;

import java.util.List;

/**
 * A PNG split into its chunks, from IHDR to IEND.
 *
 * @param bytes         the whole file, which the chunks point into
 * @param trailingBytes how many bytes follow IEND (decoders ignore them)
 */
public record PngFile(byte[] bytes, List<PngChunk> chunks, int width, int height, int trailingBytes) {

    public PngFile {
        chunks = List.copyOf(chunks);
    }
}
