package org.imageguard.engine.jpeg;

import java.nio.charset.StandardCharsets;

/**
 * What a record is, told from its marker and the identifier at the start of an APPn payload.
 *
 * <pre>{@code
 * JpegSegmentType type = JpegSegmentType.of(data, segment); // EXIF, XMP, ICC_PROFILE, ...
 * }</pre>
 */
enum JpegSegmentType {
    JFIF, JFXX, EXIF, XMP, XMP_EXTENDED, ICC_PROFILE, MPF, PHOTOSHOP, ADOBE,
    /** Any other APPn: vendor metadata (Ducky, FLIR, Samsung, ...), never needed to draw the picture. */
    OTHER_APP,
    COMMENT,
    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC): carries the picture's size. */
    FRAME,
    /** Tables, SOS, DRI, scan data, SOI, EOI, ...: the picture itself. */
    PICTURE,
    TRAILING;

    static final byte[] JFIF_ID = ascii("JFIF\0");
    static final byte[] JFXX_ID = ascii("JFXX\0");
    static final byte[] EXIF_ID = ascii("Exif\0\0");
    static final byte[] XMP_ID = ascii("http://ns.adobe.com/xap/1.0/\0");
    static final byte[] XMP_EXTENDED_ID = ascii("http://ns.adobe.com/xmp/extension/\0");
    static final byte[] ICC_ID = ascii("ICC_PROFILE\0");
    static final byte[] MPF_ID = ascii("MPF\0");
    static final byte[] PHOTOSHOP_ID = ascii("Photoshop 3.0\0");
    static final byte[] ADOBE_ID = ascii("Adobe");

    /** The JFIF payload up to and including Xthumbnail/Ythumbnail; the thumbnail's RGB bytes follow. */
    static final int JFIF_FIXED = 14;

    static JpegSegmentType of(byte[] data, JpegSegment segment) {
        return switch (segment.kind()) {
            case TRAILING -> TRAILING;
            case MARKER_SEGMENT -> ofMarkerSegment(data, segment);
            default -> PICTURE;
        };
    }

    private static JpegSegmentType ofMarkerSegment(byte[] data, JpegSegment s) {
        int marker = s.marker();
        if (marker == JpegSegment.COM) {
            return COMMENT;
        }
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
            return FRAME;
        }
        if (!s.isApp()) {
            return PICTURE;
        }
        return switch (marker) {
            case JpegSegment.APP0 -> s.payloadStartsWith(data, JFIF_ID) ? JFIF
                    : s.payloadStartsWith(data, JFXX_ID) ? JFXX : OTHER_APP;
            case JpegSegment.APP1 -> s.payloadStartsWith(data, EXIF_ID) ? EXIF
                    : s.payloadStartsWith(data, XMP_ID) ? XMP
                    : s.payloadStartsWith(data, XMP_EXTENDED_ID) ? XMP_EXTENDED : OTHER_APP;
            case JpegSegment.APP2 -> s.payloadStartsWith(data, ICC_ID) ? ICC_PROFILE
                    : s.payloadStartsWith(data, MPF_ID) ? MPF : OTHER_APP;
            case JpegSegment.APP13 -> s.payloadStartsWith(data, PHOTOSHOP_ID) ? PHOTOSHOP : OTHER_APP;
            case JpegSegment.APP14 -> s.payloadStartsWith(data, ADOBE_ID) ? ADOBE : OTHER_APP;
            default -> OTHER_APP;
        };
    }

    /**
     * A short name for reports and {@code inspect}: {@code "JPEG COM comment"}, {@code "APP13 IPTC"},
     * {@code "APP12 Ducky"}, {@code "embedded JPEG after EOI"}, ...
     */
    String describe(byte[] data, JpegSegment s) {
        return switch (this) {
            case JFIF -> "APP0 JFIF";
            case JFXX -> "APP0 JFXX thumbnail";
            case EXIF -> "APP1 EXIF";
            case XMP -> "APP1 XMP";
            case XMP_EXTENDED -> "APP1 Extended XMP";
            case ICC_PROFILE -> "APP2 ICC profile";
            case MPF -> "APP2 MPF preview";
            case PHOTOSHOP -> contains(data, s, ascii("8BIM\u0004\u0004")) ? "APP13 IPTC" : "APP13 Photoshop";
            case ADOBE -> "APP14 Adobe";
            case OTHER_APP -> describeApp(data, s);
            case COMMENT -> "JPEG COM comment";
            case FRAME -> String.format("SOF%d frame header", s.marker() - 0xC0);
            case PICTURE -> "picture data";
            case TRAILING -> isEmbeddedJpeg(data, s) ? "embedded JPEG after EOI" : "trailing bytes after EOI";
        };
    }

    /** Whether trailing bytes are another JPEG (an MPF or vendor preview) rather than unknown data. */
    static boolean isEmbeddedJpeg(byte[] data, JpegSegment trailing) {
        int at = trailing.offset();
        return trailing.size() >= 3 && (data[at] & 0xFF) == 0xFF && (data[at + 1] & 0xFF) == JpegSegment.SOI
                && (data[at + 2] & 0xFF) == 0xFF;
    }

    /** Whether a JFIF APP0 carries thumbnail pixels after its fixed part. */
    static boolean hasJfifThumbnail(JpegSegment jfif) {
        return jfif.payloadLength() > JFIF_FIXED;
    }

    private static boolean contains(byte[] data, JpegSegment s, byte[] needle) {
        outer:
        for (int i = s.payloadOffset(); i + needle.length <= s.end(); i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A short name for reports: {@code "APP12 Ducky"}, from the payload's leading printable characters. */
    static String describeApp(byte[] data, JpegSegment s) {
        StringBuilder id = new StringBuilder();
        int from = s.payloadOffset();
        for (int i = from; i < s.end() && i < from + 16; i++) {
            int c = data[i] & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                break;
            }
            id.append((char) c);
        }
        String name = "APP" + (s.marker() - JpegSegment.APP0);
        return id.isEmpty() ? name : name + " " + id.toString().strip();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
