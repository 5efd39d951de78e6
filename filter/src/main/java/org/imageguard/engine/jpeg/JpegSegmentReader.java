package org.imageguard.engine.jpeg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Stuffed FFs within {@link #DENSE_WINDOW} bytes that switch {@link #scanDataEnd} to {@link #denseWalk}. */
    static final int DENSE_HITS = 16;
    static final int DENSE_WINDOW = 1024;
    /** Bytes one {@link #denseWalk} covers before the FF-to-FF walk takes over again. */
    static final int DENSE_BLOCK = 16 * 1024;

    private final byte[] data;
    /** The file's size: the bytes of {@code data} from 0; any after it are not the file's. */
    private final int length;
    private final List<JpegSegment> segments = new ArrayList<>();
    private boolean sawScan;

    private JpegSegmentReader(byte[] data, int length) {
        this.data = data;
        this.length = length;
    }

    static List<JpegSegment> read(byte[] data) {
        return read(data, data.length);
    }

    /** The records of the file held in the first {@code length} bytes of {@code data}. */
    static List<JpegSegment> read(byte[] data, int length) {
        return new JpegSegmentReader(data, length).readAll();
    }

    private List<JpegSegment> readAll() {
        if (length < 2 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != JpegSegment.SOI) {
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
        if (pos == length) {
            return endOfFile(pos);
        }
        if ((data[pos] & 0xFF) != 0xFF) {
            throw fail(pos, "expected a marker (0xFF), found " + describe(pos, 1));
        }
        int codeAt = pos + 1;
        while (codeAt < length && (data[codeAt] & 0xFF) == 0xFF) {
            codeAt++; // fill bytes
        }
        if (codeAt == length) {
            return endOfFile(codeAt);
        }
        int marker = data[codeAt] & 0xFF;
        int start = codeAt - 1;
        int next = codeAt + 1;
        if (marker == JpegSegment.EOI) {
            segments.add(new JpegSegment(JpegSegment.Kind.EOI, marker, start, next));
            if (next < length) {
                segments.add(new JpegSegment(JpegSegment.Kind.TRAILING, -1, next, length));
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
            segments.add(new JpegSegment(JpegSegment.Kind.TRUNCATED, marker, start, length));
            return -1;
        }
        if ((long) lengthAt + 2 > length) {
            throw fail(lengthAt, String.format("expected the length of segment 0xFF%02X, found end of file", marker));
        }
        int segmentLength = Bytes.u16be(data, lengthAt);
        if (segmentLength < 2) {
            throw fail(lengthAt, "expected a segment length of at least 2, found " + segmentLength);
        }
        long end = (long) lengthAt + segmentLength;
        if (end > length) {
            throw fail(lengthAt, String.format("expected %d bytes of segment 0xFF%02X, found %d", segmentLength,
                    marker, length - lengthAt));
        }
        segments.add(new JpegSegment(JpegSegment.Kind.MARKER_SEGMENT, marker, start, (int) end));
        return marker == JpegSegment.SOS ? readScanData((int) end) : (int) end;
    }

    private boolean runsPastEnd(int lengthAt) {
        return (long) lengthAt + 2 > length || (long) lengthAt + Bytes.u16be(data, lengthAt) > length;
    }

    /** Scan data runs to the first FF that is neither a stuffed FF 00 nor a restart marker, or to the end of file. */
    private int readScanData(int from) {
        sawScan = true;
        int pos = scanDataEnd(data, from, length);
        if (pos > from) {
            segments.add(new JpegSegment(JpegSegment.Kind.SCAN_DATA, -1, from, pos));
        }
        return pos;
    }

    /**
     * Where the entropy-coded data starting at {@code from} ends: the first FF followed by a byte that is neither 00
     * (a stuffed FF) nor D0..D7 (a restart marker), or {@code data.length} when there is none (an FF as the very last
     * byte is data: a file cut there).
     *
     * <p>A typical scan has an FF every 250 bytes or so, and {@link Bytes#indexOfFf} from one to the next is the
     * fastest walk. Some scans have one every few dozen bytes (flat or finely detailed pictures at high quality), where
     * stopping at each costs more than it saves: after {@value #DENSE_HITS} stuffed FFs within {@value #DENSE_WINDOW}
     * bytes the next {@value #DENSE_BLOCK} bytes go through {@link #denseWalk}, which tests sixteen bytes at a time
     * without stopping at stuffed pairs.
     */
    static int scanDataEnd(byte[] data, int from) {
        return scanDataEnd(data, from, data.length);
    }

    /** As {@link #scanDataEnd(byte[], int)} in a file of {@code length} bytes held at the start of {@code data}. */
    static int scanDataEnd(byte[] data, int from, int length) {
        int pos = from;
        int windowStart = from;
        int hits = 0;
        while (true) {
            int ff = Bytes.indexOfFf(data, pos, length - 1); // an FF with a byte after it
            if (ff < 0) {
                return length;
            }
            int after = data[ff + 1] & 0xFF;
            if (after != 0x00 && !isRestart(after)) {
                return ff;
            }
            pos = ff + 2;
            if (ff - windowStart > DENSE_WINDOW) {
                windowStart = ff;
                hits = 0;
            } else if (++hits >= DENSE_HITS) {
                int walked = denseWalk(data, pos, length - pos > DENSE_BLOCK ? pos + DENSE_BLOCK : length, length);
                if (walked >= 0) {
                    return walked;
                }
                pos = -walked - 1;
                windowStart = pos;
                hits = 0;
            }
        }
    }

    /**
     * Walks scan data from {@code from} for about {@code to - from} bytes, sixteen at a time: each step loads the
     * sixteen bytes and the sixteen after each of them, and only an FF whose follower is not 00 is looked at (a
     * restart marker, stepped over, or the end of the data). Returns the end of the data when found, else
     * {@code -resume - 1}, where {@code resume >= from} is where the caller goes on (every FF before it has been
     * checked with its follower).
     */
    private static int denseWalk(byte[] data, int from, int to, int length) {
        int i = from;
        int limit = Math.min(to, length - 2 * Long.BYTES - 1);
        while (i <= limit) {
            long low = (long) LONGS.get(data, i);
            long high = (long) LONGS.get(data, i + Long.BYTES);
            long lowMarkers = zeroBytes(~low) & ~zeroBytes((long) LONGS.get(data, i + 1));
            long highMarkers = zeroBytes(~high) & ~zeroBytes((long) LONGS.get(data, i + Long.BYTES + 1));
            if ((lowMarkers | highMarkers) == 0) {
                i += 2 * Long.BYTES;
                continue;
            }
            int ff = lowMarkers != 0 ? i + (Long.numberOfTrailingZeros(lowMarkers) >>> 3)
                    : i + Long.BYTES + (Long.numberOfTrailingZeros(highMarkers) >>> 3);
            if (!isRestart(data[ff + 1] & 0xFF)) {
                return ff;
            }
            i = ff + 2;
        }
        return -i - 1;
    }

    /** 0x80 in each byte of {@code x} that is zero, 0 in the others: exact, no borrow runs from byte to byte. */
    private static long zeroBytes(long x) {
        long low7 = (x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL;
        return ~(low7 | x | 0x7F7F7F7F7F7F7F7FL);
    }

    private static boolean isRestart(int marker) {
        return marker >= 0xD0 && marker <= 0xD7;
    }

    /** A file may stop without EOI inside its picture data, never inside its headers. */
    private int endOfFile(int pos) {
        if (!sawScan) {
            throw fail(pos, "expected a marker, found end of file before any scan");
        }
        return -1;
    }

    private String describe(int pos, int count) {
        if (pos >= length) {
            return "end of file";
        }
        StringBuilder hex = new StringBuilder("0x");
        for (int i = pos; i < Math.min(length, pos + count); i++) {
            hex.append(String.format("%02X", data[i] & 0xFF));
        }
        return hex.toString();
    }

    private static ImageFormatException fail(long offset, String problem) {
        return new ImageFormatException(ImageFormat.JPEG, offset, problem);
    }
}
