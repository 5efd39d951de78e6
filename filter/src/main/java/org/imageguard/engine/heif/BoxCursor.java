package org.imageguard.engine.heif;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;

/**
 * A bounded reader over one region of a file (a box payload): every read checks that it stays before {@code end},
 * and every failure is an {@link ImageFormatException} naming the offset, what was expected and what was found.
 */
final class BoxCursor {

    /** More boxes than this in one container is an attack, not an image. */
    static final int MAX_BOXES = 65_536;

    private final byte[] in;
    private final ImageFormat format;
    private int at;
    private final int end;

    BoxCursor(byte[] in, ImageFormat format, int start, int end) {
        this.in = in;
        this.format = format;
        this.at = start;
        this.end = end;
    }

    static BoxCursor of(byte[] in, ImageFormat format, HeifBox box) {
        return new BoxCursor(in, format, box.dataStart(), box.end());
    }

    int position() {
        return at;
    }

    int remaining() {
        return end - at;
    }

    private void need(int bytes, String what) {
        if (end - at < bytes) {
            throw error(at, "expected " + what + " (" + bytes + " bytes), found " + (end - at) + " bytes left");
        }
    }

    int u8(String what) {
        need(1, what);
        return in[at++] & 0xFF;
    }

    int u16(String what) {
        need(2, what);
        int value = (in[at] & 0xFF) << 8 | in[at + 1] & 0xFF;
        at += 2;
        return value;
    }

    long u32(String what) {
        need(4, what);
        long value = (in[at] & 0xFFL) << 24 | (in[at + 1] & 0xFF) << 16 | (in[at + 2] & 0xFF) << 8 | in[at + 3] & 0xFF;
        at += 4;
        return value;
    }

    /** An unsigned integer of 0, 4 or 8 bytes (iloc fields); 8-byte values above 2^63 are refused. */
    long unsigned(int size, String what) {
        return switch (size) {
            case 0 -> 0;
            case 4 -> u32(what);
            case 8 -> {
                long high = u32(what);
                long value = high << 32 | u32(what);
                if (high > Integer.MAX_VALUE) {
                    throw error(at - 8, "expected " + what + " below 2^63, found " + Long.toUnsignedString(value));
                }
                yield value;
            }
            default -> throw error(at, "expected a field size of 0, 4 or 8 for " + what + ", found " + size);
        };
    }

    /** An item ID: 16 bits in version 0 boxes, 32 bits in later ones. */
    long itemId(boolean wide, String what) {
        return wide ? u32(what) : u16(what);
    }

    String fourCc(String what) {
        need(4, what);
        String value = new String(in, at, 4, StandardCharsets.ISO_8859_1);
        at += 4;
        return value;
    }

    /** A NUL-terminated UTF-8 string; a missing terminator at the end of the box ends the string (some writers). */
    String string() {
        int start = at;
        while (at < end && in[at] != 0) {
            at++;
        }
        String value = new String(in, start, at - start, StandardCharsets.UTF_8);
        if (at < end) {
            at++;
        }
        return value;
    }

    void skip(int bytes, String what) {
        need(bytes, what);
        at += bytes;
    }

    /** The full-box header: version (high byte) and flags (low 24 bits). */
    int fullBoxHeader(String box) {
        return (int) u32("the " + box + " version and flags");
    }

    /** The boxes from here to the end, each inside it. */
    List<HeifBox> boxes() {
        List<HeifBox> boxes = new ArrayList<>();
        while (at < end) {
            if (boxes.size() == MAX_BOXES) {
                throw error(at, "expected at most " + MAX_BOXES + " boxes, found more");
            }
            HeifBox box = box();
            boxes.add(box);
            at = box.end();
        }
        return boxes;
    }

    private HeifBox box() {
        int start = at;
        long size = u32("a box size");
        String type = fourCc("a box type");
        int header = 8;
        if (size == 1) {
            size = unsigned(8, "the 64-bit size of box '" + type + "'");
            header = 16;
        } else if (size == 0) {
            size = end - start;
        }
        if (size < header || size > end - start) {
            throw error(start, "expected a box size between " + header + " and the " + (end - start)
                    + " bytes left in its parent, found " + size + " for box '" + type + "'");
        }
        return new HeifBox(type, start, start + header, start + (int) size);
    }

    ImageFormatException error(long offset, String problem) {
        return new ImageFormatException(format, offset, problem);
    }
}
