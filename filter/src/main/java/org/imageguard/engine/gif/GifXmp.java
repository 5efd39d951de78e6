package org.imageguard.engine.gif;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The XMP application extension (Adobe XMP Specification Part 3, 1.1.2).
 *
 * <pre>
 * 21 FF 0B "XMP DataXMP" | raw UTF-8 packet (not in sub-blocks, no NUL) | magic trailer 01 FF FE FD ... 02 01 00 | 00
 * </pre>
 *
 * The 257-byte magic trailer plus the 00 terminator make a reader that walks the packet as if it were sub-blocks
 * land on the terminator, whatever the packet's bytes. UTF-8 XML never contains 0xFF or 0xFE, so the trailer's
 * {@code 01 FF FE} marks the end of the packet.
 */
final class GifXmp {

    static final String APPLICATION_ID = "XMP DataXMP";
    private static final int HEADER = 3 + 11;
    private static final int TRAILER = 258;

    private GifXmp() {
    }

    static boolean isXmp(GifBlock block) {
        return block.isApplication(APPLICATION_ID);
    }

    /** The file's first XMP extension, or null. */
    static GifBlock first(GifFile gif) {
        return gif.blocks().stream().filter(GifXmp::isXmp).findFirst().orElse(null);
    }

    /** The packet of an XMP extension, or null when its magic trailer is missing. */
    static byte[] packet(byte[] file, GifBlock block) {
        int start = block.offset() + HEADER;
        for (int i = start; i + 2 < block.end(); i++) {
            if (file[i] == 0x01 && file[i + 1] == (byte) 0xFF && file[i + 2] == (byte) 0xFE) {
                return Arrays.copyOfRange(file, start, i);
            }
        }
        return null;
    }

    /** The whole extension block carrying {@code packet}. */
    static byte[] block(byte[] packet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER + packet.length + TRAILER);
        out.write(0x21);
        out.write(0xFF);
        out.write(11);
        out.writeBytes(APPLICATION_ID.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(packet);
        out.write(0x01);
        for (int b = 0xFF; b >= 0; b--) {
            out.write(b);
        }
        out.write(0x00);
        return out.toByteArray();
    }
}
