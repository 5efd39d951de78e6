package org.imageguard.engine.png;

import java.util.List;

/**
 * A PNG split into its chunks, from IHDR to IEND.
 *
 * @param bytes         holds the file from offset 0 (the chunks point into it); bytes after the file's end
 *                      may follow ({@link PngChunkReader#read(byte[], int)})
 * @param trailingBytes how many bytes follow IEND (decoders ignore them)
 */
public record PngFile(byte[] bytes, List<PngChunk> chunks, int width, int height, int trailingBytes) {

    public PngFile {
        chunks = List.copyOf(chunks);
    }
}
