package org.imageguard.engine.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One directory entry: tag, field type, count and the raw value bytes in the file's byte order (copied out of line
 * or inline, so the entry no longer points into the input).
 */
record TiffEntry(int tag, int type, long count, byte[] value) {

    static final int SHORT = 3;
    static final int LONG = 4;
    static final int IFD = 13;
    static final int LONG8 = 16;
    static final int IFD8 = 18;
    static final int BYTE = 1;

    /** The size of one value of a field type, or 0 for a type TIFF does not define. */
    static int typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12, 16, 17, 18 -> 8;
            default -> 0;
        };
    }

    /** The values of an unsigned integer field (SHORT, LONG, LONG8, IFD, IFD8); offsets and byte counts are these. */
    long[] unsignedValues(ByteOrder order) {
        ByteBuffer in = ByteBuffer.wrap(value).order(order);
        long[] values = new long[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (type) {
                case SHORT -> in.getShort() & 0xFFFF;
                case LONG, IFD -> in.getInt() & 0xFFFFFFFFL;
                case LONG8, IFD8 -> in.getLong();
                default -> throw new IllegalStateException("not an unsigned integer type: " + type);
            };
        }
        return values;
    }

    boolean isUnsignedInteger() {
        return type == SHORT || type == LONG || type == LONG8 || type == IFD || type == IFD8;
    }

    /** An entry of LONG (classic) or LONG8 (BigTIFF) values. */
    static TiffEntry ofOffsets(int tag, long[] values, ByteOrder order, boolean big) {
        ByteBuffer out = ByteBuffer.allocate(values.length * (big ? 8 : 4)).order(order);
        for (long v : values) {
            if (big) {
                out.putLong(v);
            } else {
                out.putInt((int) v);
            }
        }
        return new TiffEntry(tag, big ? LONG8 : LONG, values.length, out.array());
    }
}
