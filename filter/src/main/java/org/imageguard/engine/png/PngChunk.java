package org.imageguard.engine.png;

import java.util.Arrays;

/**
 * One chunk of a PNG file, by position: {@code offset} is where its length field starts, its data follows 8 bytes
 * later and its CRC after the data. The bytes stay in the file; rewriters copy whole chunks from there.
 *
 * <pre>{@code
 * for (PngChunk chunk : PngChunkReader.read(bytes).chunks()) {
 *     if (chunk.type().equals("tEXt")) { byte[] text = chunk.data(bytes); ... }
 * }
 * }</pre>
 *
 * @param crcValid whether the stored CRC-32 matches type and data (always true for critical chunks, the reader
 *                 rejects a critical chunk whose CRC does not match)
 */
public record PngChunk(int offset, String type, int length, boolean crcValid) {

    /** Length field, type and CRC: the bytes a chunk takes besides its data. */
    static final int OVERHEAD = 12;

    public int dataOffset() {
        return offset + 8;
    }

    /** The offset just past the CRC. */
    public int end() {
        return offset + OVERHEAD + length;
    }

    /** Critical chunks (upper-case first letter) are needed to show the image; ancillary ones are not. */
    public boolean critical() {
        return Character.isUpperCase(type.charAt(0));
    }

    public boolean is(String chunkType) {
        return type.equals(chunkType);
    }

    public byte[] data(byte[] file) {
        return Arrays.copyOfRange(file, dataOffset(), dataOffset() + length);
    }
}
