package org.imageguard.engine.jpeg;

import java.util.ArrayList;
import java.util.List;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.io.Bytes;

/**
 * Splits a JPEG file into its records without interpreting them (ITU-T T.81 Annex B).
 *
 * <pre>
 * SOI        FF D8
 * segment    [FF ...] FF mm  u16 length (counts itself, >= 2)  payload[length - 2]
 *            mm = E0..EF APPn, FE COM, DB DQT, C4 DHT, C0..CF SOFn, DD DRI, DA SOS, ...
 * scan data  after each SOS segment, up to the next marker that is not RSTn:
 *            bytes, FF 00 (a stuffed FF), FF D0..D7 (restart markers)
 *            progressive files repeat DHT/SOS/scan data several times
 * EOI        FF D9
 * trailing   anything after EOI (MPF previews, vendor data), kept as found
 * </pre>
 *
 * Fill bytes (extra FF before a marker) are tolerated and not kept. A file cut after its first scan (inside scan
 * data, or inside the tables between progressive scans) is accepted as browsers accept it: the records end with
 * what is there. Everything else that does not fit the layout
 * fails with an {@link ImageFormatException} naming the offset.
 *
 * <pre>{@code
 * for (JpegSegment s : JpegSegmentReader.read(bytes)) { ... }
 * }</pre>
 */
final class JpegSegmentReader {

    private final byte[] data;
    private final List<JpegSegment> segments = new ArrayList<>();
    private boolean sawScan;

    private JpegSegmentReader(byte[] data) {
        this.data = data;
    }

    static List<JpegSegment> read(byte[] data) {
        return new JpegSegmentReader(data).readAll();
    }

    private List<JpegSegment> readAll() {
        if (data.length < 2 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != JpegSegment.SOI) {
            throw fail(0, "expected SOI 0xFFD8, found " + describe(0, 2));
        }
        segments.add(new JpegSegment(JpegSegment.Kind.SOI, JpegSegment.SOI, 0, 2));
        int pos = 2;
        while (pos >= 0) {
            pos = readRecord(pos);
        }
        return segments;
    }

    /** Reads the record at {@code pos}; returns where the next one starts, or -1 at the end. */
    private int readRecord(int pos) {
        if (pos == data.length) {
            return endOfFile(pos);
        }
        if ((data[pos] & 0xFF) != 0xFF) {
            throw fail(pos, "expected a marker (0xFF), found " + describe(pos, 1));
        }
        int codeAt = pos + 1;
        while (codeAt < data.length && (data[codeAt] & 0xFF) == 0xFF) {
            codeAt++; // fill bytes
        }
        if (codeAt == data.length) {
            return endOfFile(codeAt);
        }
        int marker = data[codeAt] & 0xFF;
        int start = codeAt - 1;
        int next = codeAt + 1;
        if (marker == JpegSegment.EOI) {
            segments.add(new JpegSegment(JpegSegment.Kind.EOI, marker, start, next));
            if (next < data.length) {
                segments.add(new JpegSegment(JpegSegment.Kind.TRAILING, -1, next, data.length));
            }
            return -1;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            segments.add(new JpegSegment(JpegSegment.Kind.STANDALONE, marker, start, next));
            return next;
        }
        if (marker == JpegSegment.SOI || marker == 0x00) {
            throw fail(start, String.format("expected a marker segment, found 0xFF%02X", marker));
        }
        return readMarkerSegment(marker, start);
    }

    private int readMarkerSegment(int marker, int start) {
        int lengthAt = start + 2;
        if (sawScan && runsPastEnd(lengthAt)) {
            // A progressive file cut between scans: browsers show what came before, so keep it as it is.
            segments.add(new JpegSegment(JpegSegment.Kind.TRUNCATED, marker, start, data.length));
            return -1;
        }
        if ((long) lengthAt + 2 > data.length) {
            throw fail(lengthAt, String.format("expected the length of segment 0xFF%02X, found end of file", marker));
        }
        int length = Bytes.u16be(data, lengthAt);
        if (length < 2) {
            throw fail(lengthAt, "expected a segment length of at least 2, found " + length);
        }
        long end = (long) lengthAt + length;
        if (end > data.length) {
            throw fail(lengthAt, String.format("expected %d bytes of segment 0xFF%02X, found %d", length, marker,
                    data.length - lengthAt));
        }
        segments.add(new JpegSegment(JpegSegment.Kind.MARKER_SEGMENT, marker, start, (int) end));
        return marker == JpegSegment.SOS ? readScanData((int) end) : (int) end;
    }

    private boolean runsPastEnd(int lengthAt) {
        return (long) lengthAt + 2 > data.length || (long) lengthAt + Bytes.u16be(data, lengthAt) > data.length;
    }

    /** Scan data runs to the first FF that is neither a stuffed FF 00 nor a restart marker, or to the end of file. */
    private int readScanData(int from) {
        sawScan = true;
        int pos = from;
        while (pos < data.length) {
            int ff = Bytes.indexOfFf(data, pos, data.length);
            if (ff < 0) {
                pos = data.length;
            } else if (ff + 1 < data.length && !continuesScan(data[ff + 1] & 0xFF)) {
                pos = ff;
                break;
            } else {
                pos = ff + 1;
            }
        }
        if (pos > from) {
            segments.add(new JpegSegment(JpegSegment.Kind.SCAN_DATA, -1, from, pos));
        }
        return pos;
    }

    private static boolean continuesScan(int afterFf) {
        return afterFf == 0x00 || (afterFf >= 0xD0 && afterFf <= 0xD7);
    }

    /** A file may stop without EOI inside its picture data, never inside its headers. */
    private int endOfFile(int pos) {
        if (!sawScan) {
            throw fail(pos, "expected a marker, found end of file before any scan");
        }
        return -1;
    }

    private String describe(int pos, int count) {
        if (pos >= data.length) {
            return "end of file";
        }
        StringBuilder hex = new StringBuilder("0x");
        for (int i = pos; i < Math.min(data.length, pos + count); i++) {
            hex.append(String.format("%02X", data[i] & 0xFF));
        }
        return hex.toString();
    }

    private static ImageFormatException fail(long offset, String problem) {
        return new ImageFormatException(ImageFormat.JPEG, offset, problem);
    }
}
