package org.imageguard.engine.jxl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;

/**
 * The boxes of a JPEG XL container, read bounded: the {@code JXL } signature box, {@code ftyp} with brand
 * {@code jxl }, then any boxes up to the end (32-bit sizes, 64-bit {@code largesize}, and size 0 meaning "to the end"
 * for the last box), each checked to lie inside the file, at most {@link #MAX_BOXES} of them.
 *
 * <pre>{@code
 * List<JxlBox> boxes = JxlContainer.boxes(bytes);   // ImageFormatException for a bare codestream or bad sizes
 * }</pre>
 */
final class JxlContainer {

    static final int MAX_BOXES = 65_536;
    private static final byte[] SIGNATURE = {0, 0, 0, 0x0C, 'J', 'X', 'L', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A};

    private JxlContainer() {
    }

    static List<JxlBox> boxes(byte[] in) {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (in.length <= i || in[i] != SIGNATURE[i]) {
                throw error(i, "expected the JPEG XL container signature box, found "
                        + (in.length >= 2 && (in[0] & 0xFF) == 0xFF && in[1] == 0x0A ? "a bare codestream"
                        : "other bytes"));
            }
        }
        List<JxlBox> boxes = new ArrayList<>();
        long at = 0;
        while (at < in.length) {
            if (boxes.size() == MAX_BOXES) {
                throw error(at, "expected at most " + MAX_BOXES + " boxes, found more");
            }
            JxlBox box = box(in, at);
            boxes.add(box);
            at = box.end();
        }
        if (boxes.size() < 2 || !boxes.get(1).type().equals("ftyp")) {
            throw error(12, "expected an ftyp box after the signature");
        }
        return boxes;
    }

    private static JxlBox box(byte[] in, long at) {
        if (in.length - at < 8) {
            throw error(at, "expected a box header of 8 bytes, found " + (in.length - at));
        }
        int i = (int) at;
        long size = u32(in, i);
        String type = new String(in, i + 4, 4, StandardCharsets.ISO_8859_1);
        long header = 8;
        if (size == 1) {
            if (in.length - at < 16) {
                throw error(at, "expected a 64-bit box size, found the end of the file");
            }
            size = u32(in, i + 8) << 32 | u32(in, i + 12);
            header = 16;
        } else if (size == 0) {
            size = in.length - at;
        }
        if (size < header || size > in.length - at) {
            throw error(at, "expected a box size between " + header + " and the " + (in.length - at)
                    + " bytes left, found " + size + " for box '" + type + "'");
        }
        return new JxlBox(type, at, at + header, at + size);
    }

    private static long u32(byte[] in, int at) {
        return (in[at] & 0xFFL) << 24 | (in[at + 1] & 0xFF) << 16 | (in[at + 2] & 0xFF) << 8 | in[at + 3] & 0xFF;
    }

    static ImageFormatException error(long offset, String problem) {
        return new ImageFormatException(ImageFormat.JXL, offset, problem);
    }
}
