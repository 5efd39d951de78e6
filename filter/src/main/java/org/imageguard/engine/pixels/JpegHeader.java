package org.imageguard.engine.pixels;

import java.util.ArrayList;
import java.util.List;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;

/**
 * The marker segments of a JPEG up to its first scan, by position; what the pixel stage needs before and after a
 * decode: quantisation tables (to estimate the quality), the frame's component count (CMYK is left alone), the ICC
 * profile (removed before decoding so the decoder converts no colours) and the metadata segments to carry over.
 *
 * <pre>
 * FF D8                      SOI
 * FF xx LL LL payload...     a segment: marker, big-endian length (counting itself, not the marker), payload
 * FF 01, FF D0..D7           standalone markers without length (tolerated before the scan)
 * FF DA ...                  SOS: the header ends here
 * </pre>
 *
 * <pre>{@code
 * JpegHeader header = JpegHeader.read(bytes);
 * int components = header.components();
 * }</pre>
 */
record JpegHeader(byte[] bytes, List<Segment> segments) {

    static final int APP0 = 0xE0;
    static final int APP1 = 0xE1;
    static final int APP2 = 0xE2;
    static final int APP14 = 0xEE;
    static final int APP15 = 0xEF;
    static final int COM = 0xFE;
    static final int DQT = 0xDB;
    static final int SOS = 0xDA;
    private static final int MAX_SEGMENTS = 10_000;

    /** One segment: {@code offset} is its 0xFF, the payload follows the two length bytes. */
    record Segment(int marker, int offset, int payloadLength) {
        int payloadOffset() {
            return offset + 4;
        }

        int end() {
            return payloadOffset() + payloadLength;
        }

        boolean isApp() {
            return marker >= APP0 && marker <= APP15;
        }

        boolean isFrame() {
            return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        }

        boolean payloadStartsWith(byte[] data, String ascii) {
            if (payloadLength < ascii.length()) {
                return false;
            }
            for (int i = 0; i < ascii.length(); i++) {
                if (data[payloadOffset() + i] != (byte) ascii.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    JpegHeader {
        segments = List.copyOf(segments);
    }

    static JpegHeader read(byte[] data) {
        if (data.length < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != 0xD8) {
            throw fail(0, "expected SOI 0xFFD8");
        }
        List<Segment> segments = new ArrayList<>();
        int pos = 2;
        while (true) {
            if (pos >= data.length || (data[pos] & 0xFF) != 0xFF) {
                throw fail(pos, "expected a marker (0xFF) before the first scan, found "
                        + (pos >= data.length ? "the end of the file" : String.format("0x%02X", data[pos] & 0xFF)));
            }
            while (pos + 1 < data.length && (data[pos + 1] & 0xFF) == 0xFF) {
                pos++; // fill bytes
            }
            if (pos + 1 >= data.length) {
                throw fail(pos, "file ends inside a marker");
            }
            int marker = data[pos + 1] & 0xFF;
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xD8 || marker == 0x00) {
                throw fail(pos, String.format("unexpected marker 0xFF%02X before the first scan", marker));
            }
            if (pos + 4 > data.length) {
                throw fail(pos, "file ends inside a segment length");
            }
            int length = ((data[pos + 2] & 0xFF) << 8) | (data[pos + 3] & 0xFF);
            if (length < 2 || (long) pos + 2 + length > data.length) {
                throw fail(pos + 2, "segment length " + length + " runs past the end of the file (" + data.length
                        + " bytes)");
            }
            Segment segment = new Segment(marker, pos, length - 2);
            segments.add(segment);
            if (segments.size() > MAX_SEGMENTS) {
                throw fail(pos, "more than " + MAX_SEGMENTS + " segments before the first scan");
            }
            if (marker == SOS) {
                return new JpegHeader(data, segments);
            }
            pos = segment.end();
        }
    }

    /** Colour components of the frame (1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK); 0 when there is no frame header. */
    int components() {
        for (Segment s : segments) {
            if (s.isFrame() && s.payloadLength() >= 6) {
                return bytes[s.payloadOffset() + 5] & 0xFF;
            }
        }
        return 0;
    }

    /** Whether the frame is baseline or progressive Huffman (arithmetic and lossless frames are left alone). */
    boolean huffmanDct() {
        for (Segment s : segments) {
            if (s.isFrame()) {
                return s.marker() == 0xC0 || s.marker() == 0xC1 || s.marker() == 0xC2;
            }
        }
        return false;
    }

    boolean isIccProfile(Segment s) {
        return s.marker() == APP2 && s.payloadStartsWith(bytes, "ICC_PROFILE\0");
    }

    boolean isExif(Segment s) {
        return s.marker() == APP1 && s.payloadStartsWith(bytes, "Exif\0\0");
    }

    /**
     * The file as the decoder must see it to hand over what browsers (libjpeg) show, unconverted: without its ICC
     * profile segments (the numbers stay as stored; the profile is carried to the output), and, in a three-component
     * JFIF file, without an Adobe APP14 segment. libjpeg lets JFIF decide (YCbCr), while the Java readers follow
     * the Adobe segment's "no transform" or refuse the contradiction.
     */
    byte[] decodable() {
        boolean jfif = segments.stream().anyMatch(s -> s.marker() == APP0 && s.payloadStartsWith(bytes, "JFIF\0"));
        boolean dropAdobe = jfif && components() == 3;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
        int copied = 0;
        for (Segment s : segments) {
            if (isIccProfile(s) || (dropAdobe && s.marker() == APP14 && s.payloadStartsWith(bytes, "Adobe"))) {
                out.write(bytes, copied, s.offset() - copied);
                copied = s.end();
            }
        }
        out.write(bytes, copied, bytes.length - copied);
        return out.toByteArray();
    }

    private static ImageFormatException fail(long offset, String problem) {
        return new ImageFormatException(ImageFormat.JPEG, offset, problem);
    }
}
