package org.imageguard.engine.gif;

import java.util.List;

/**
 * A GIF split into its blocks.
 *
 * @param bytes         the whole file, which the blocks point into
 * @param version       {@code 87a} or {@code 89a}
 * @param screenEnd     the offset just past the logical screen descriptor and global colour table
 * @param hasTrailer    whether the file ends with the 0x3B trailer (decoders show files without it too)
 * @param trailingBytes how many bytes follow the trailer
 */
public record GifFile(byte[] bytes, String version, int width, int height, int screenEnd, List<GifBlock> blocks,
                      boolean hasTrailer, int trailingBytes) {

    public GifFile {
        blocks = List.copyOf(blocks);
    }

    public int frames() {
        return (int) blocks.stream().filter(GifBlock::isImage).count();
    }
}
