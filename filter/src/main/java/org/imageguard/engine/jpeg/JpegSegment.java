package org.imageguard.engine.jpeg;

/**
 * One record of a JPEG file: bytes {@code [offset, end)} of the input. For a {@link Kind#MARKER_SEGMENT} that range
 * is the whole segment (0xFF, marker, u16 length, payload); for the other kinds it is copied as it is.
 *
 * @param marker the marker byte (0xD8 for SOI, 0xE1 for APP1, ...), or -1 for scan data and trailing bytes
 */
record JpegSegment(Kind kind, int marker, int offset, int end) {

    enum Kind {
        /** FF D8. */
        SOI,
        /** FF xx u16-length payload. */
        MARKER_SEGMENT,
        /** A marker without a length: RSTn (FF D0..D7) or TEM (FF 01) found outside scan data. */
        STANDALONE,
        /** Entropy-coded data after an SOS segment, restart markers and stuffed FF 00 included. */
        SCAN_DATA,
        /** FF D9. */
        EOI,
        /** Whatever follows EOI. */
        TRAILING,
        /** The start of a marker segment cut by the end of a file that already had a scan, kept as it is. */
        TRUNCATED
    }

    static final int SOI = 0xD8;
    static final int EOI = 0xD9;
    static final int SOS = 0xDA;
    static final int APP0 = 0xE0;
    static final int APP1 = 0xE1;
    static final int APP2 = 0xE2;
    static final int APP13 = 0xED;
    static final int APP14 = 0xEE;
    static final int APP15 = 0xEF;
    static final int COM = 0xFE;

    /** Bytes before the payload of a marker segment: 0xFF, marker, u16 length. */
    static final int HEADER = 4;
    /** The largest value of the u16 length field, which counts itself and the payload. */
    static final int MAX_LENGTH = 0xFFFF;
    /** The largest payload a marker segment can carry. */
    static final int MAX_PAYLOAD = MAX_LENGTH - 2;

    int size() {
        return end - offset;
    }

    int payloadOffset() {
        return kind == Kind.MARKER_SEGMENT ? offset + HEADER : offset;
    }

    int payloadLength() {
        return end - payloadOffset();
    }

    boolean isApp() {
        return kind == Kind.MARKER_SEGMENT && marker >= APP0 && marker <= APP15;
    }

    /** Whether the payload starts with {@code prefix} (an identifier such as {@code Exif\0\0}). */
    boolean payloadStartsWith(byte[] data, byte[] prefix) {
        if (payloadLength() < prefix.length) {
            return false;
        }
        int from = payloadOffset();
        for (int i = 0; i < prefix.length; i++) {
            if (data[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
