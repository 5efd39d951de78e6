package org.imageguard.engine.jpeg;

import java.util.ArrayList;
import java.util.List;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.io.Bytes;

/**
 * Where a Huffman-coded DCT JPEG keeps its picture: the segments before the first scan (copied as they are, DHT
 * aside), the frame, the restart interval and the tables and scans that follow. Anything the lossless optimiser does
 * not re-encode (arithmetic coding, lossless or hierarchical processes, DNL, more than four components, segments
 * between scans other than tables) is reported as a reason instead, so the file is left exactly as it was.
 *
 * <pre>{@code
 * EntropyLayout layout = EntropyLayout.of(data, segments, maxPixels);
 * if (layout.unsupported() != null) { return unchanged(data, layout.unsupported()); }
 * }</pre>
 *
 * @param header       the records before the first SOS, DHT excluded, in file order (SOI first)
 * @param sof          the frame header segment
 * @param scanRecords  DHT, SOS and scan data records from the first table needed by a scan to the last scan
 * @param tail         EOI and what follows it
 * @param restartInterval MCUs between restart markers, 0 for none
 */
record EntropyLayout(String unsupported, CodingFrame frame, List<JpegSegment> header, JpegSegment sof,
        List<JpegSegment> tables, List<JpegSegment> scanRecords, List<JpegSegment> tail, int restartInterval) {

    private static final int DHT = 0xC4;
    private static final int DAC = 0xCC;
    private static final int DRI = 0xDD;
    private static final int DNL = 0xDC;
    private static final int DHP = 0xDE;
    private static final int EXP = 0xDF;
    private static final int MAX_COMPONENTS = 4;
    /** Keeps every block index of one component inside an int array of 64 coefficients per block. */
    /** 64 two-byte coefficients and an eight-byte nonzero mask. */
    private static final long BYTES_PER_BLOCK = 64 * 2 + 8;
    /** One optimisation may hold this fraction of the heap, so a few can run side by side with the cache. */
    private static final long HEAP_SHARE = 3;
    private static final long MAX_BLOCKS_PER_COMPONENT = (Integer.MAX_VALUE - 64) / 64;

    static EntropyLayout unsupported(String why) {
        return new EntropyLayout(why, null, List.of(), null, List.of(), List.of(), List.of(), 0);
    }

    static EntropyLayout of(byte[] data, List<JpegSegment> segments, long maxPixels) {
        List<JpegSegment> header = new ArrayList<>();
        List<JpegSegment> tables = new ArrayList<>();
        List<JpegSegment> scans = new ArrayList<>();
        List<JpegSegment> tail = new ArrayList<>();
        JpegSegment sof = null;
        int restart = 0;
        boolean inScans = false;
        boolean ended = false;
        for (JpegSegment s : segments) {
            if (ended) {
                tail.add(s);
                continue;
            }
            switch (s.kind()) {
                case EOI -> {
                    ended = true;
                    tail.add(s);
                    continue;
                }
                case TRUNCATED -> throw new ImageFormatException(ImageFormat.JPEG, s.offset(),
                        "expected a whole segment between scans, found the end of file (truncated file)");
                case STANDALONE -> {
                    return unsupported(String.format("stray marker 0xFF%02X outside scan data: left as it was",
                            s.marker()));
                }
                case TRAILING -> throw new IllegalStateException("trailing bytes before EOI");
                case SCAN_DATA -> {
                    scans.add(s);
                    continue;
                }
                default -> {
                }
            }
            if (s.kind() == JpegSegment.Kind.SOI) {
                header.add(s);
                continue;
            }
            int m = s.marker();
            String odd = oddMarker(m);
            if (odd != null) {
                return unsupported(odd + ": left as it was");
            }
            if (m == JpegSegment.SOS) {
                if (sof == null) {
                    throw new ImageFormatException(ImageFormat.JPEG, s.offset(), "expected SOFn before SOS");
                }
                inScans = true;
                scans.add(s);
            } else if (m == DHT) {
                (inScans ? scans : tables).add(s);
            } else if (inScans) {
                if (m == DRI && s.payloadLength() == 2 && Bytes.u16be(data, s.payloadOffset()) == restart) {
                    continue; // the same interval again changes nothing
                }
                return unsupported(String.format("segment 0xFF%02X between scans: left as it was", m));
            } else if (isSof(m)) {
                if (sof != null) {
                    return unsupported("two frame headers: left as it was");
                }
                sof = s;
                header.add(s);
            } else {
                if (m == DRI) {
                    if (s.payloadLength() != 2) {
                        throw new ImageFormatException(ImageFormat.JPEG, s.offset(),
                                "expected a DRI payload of 2 bytes, found " + s.payloadLength());
                    }
                    restart = Bytes.u16be(data, s.payloadOffset());
                }
                header.add(s);
            }
        }
        if (sof == null || !inScans) {
            return unsupported("no frame or no scan: left as it was");
        }
        if (!ended) {
            throw new ImageFormatException(ImageFormat.JPEG, data.length,
                    "expected EOI after the last scan, found the end of file (truncated file)");
        }
        String process = process(sof.marker());
        if (process != null) {
            return unsupported(process + ": left as it was");
        }
        FrameOrReason frame = frame(data, sof, maxPixels);
        if (frame.reason != null) {
            return unsupported(frame.reason);
        }
        return new EntropyLayout(null, frame.frame, List.copyOf(header), sof, List.copyOf(tables),
                List.copyOf(scans), List.copyOf(tail), restart);
    }

    private static boolean isSof(int m) {
        return m >= 0xC0 && m <= 0xCF && m != DHT && m != 0xC8 && m != DAC;
    }

    private static String oddMarker(int m) {
        return switch (m) {
            case DAC -> "arithmetic coding conditioning (DAC)";
            case DNL -> "height defined by a DNL marker";
            case DHP, EXP -> "hierarchical JPEG";
            default -> m >= 0xF0 && m <= 0xFD ? String.format("JPEG extension marker 0xFF%02X", m) : null;
        };
    }

    private static String process(int sofMarker) {
        return switch (sofMarker) {
            case 0xC0, 0xC1, 0xC2 -> null;
            case 0xC3 -> "lossless JPEG (SOF3)";
            case 0xC5, 0xC6, 0xC7 -> "hierarchical JPEG";
            case 0xC9, 0xCA -> "arithmetic coding";
            case 0xCB -> "lossless arithmetic-coded JPEG";
            default -> "hierarchical arithmetic-coded JPEG";
        };
    }

    private record FrameOrReason(CodingFrame frame, String reason) {
    }

    private static FrameOrReason frame(byte[] data, JpegSegment sof, long maxPixels) {
        int at = sof.payloadOffset();
        int length = sof.payloadLength();
        if (length < 6) {
            throw new ImageFormatException(ImageFormat.JPEG, sof.offset(),
                    "expected a frame header of at least 6 bytes, found " + length);
        }
        int precision = data[at] & 0xFF;
        int height = Bytes.u16be(data, at + 1);
        int width = Bytes.u16be(data, at + 3);
        int count = data[at + 5] & 0xFF;
        if (length != 6 + 3 * count) {
            throw new ImageFormatException(ImageFormat.JPEG, sof.offset(), String.format(
                    "expected a frame header of %d bytes for %d components, found %d", 6 + 3 * count, count, length));
        }
        if (precision != 8 && !(precision == 12 && sof.marker() != 0xC0)) {
            return new FrameOrReason(null, precision + "-bit samples in SOF" + (sof.marker() - 0xC0)
                    + ": left as it was");
        }
        if (height == 0) {
            return new FrameOrReason(null, "height defined by a DNL marker: left as it was");
        }
        if (width == 0 || count == 0) {
            throw new ImageFormatException(ImageFormat.JPEG, sof.offset(),
                    "expected a width and at least one component, found " + width + " wide, " + count + " components");
        }
        if ((long) width * height > maxPixels) {
            return new FrameOrReason(null, String.format("%dx%d pixels exceed max-pixels %d: left as it was",
                    width, height, maxPixels));
        }
        if (count > MAX_COMPONENTS) {
            return new FrameOrReason(null, count + " components: left as it was");
        }
        int hMax = 1;
        int vMax = 1;
        for (int i = 0; i < count; i++) {
            int hv = data[at + 7 + 3 * i] & 0xFF;
            int h = hv >> 4;
            int v = hv & 15;
            if (h < 1 || h > 4 || v < 1 || v > 4) {
                throw new ImageFormatException(ImageFormat.JPEG, at + 7 + 3 * i,
                        "expected sampling factors 1..4, found " + h + "x" + v);
            }
            for (int j = 0; j < i; j++) {
                if (data[at + 6 + 3 * j] == data[at + 6 + 3 * i]) {
                    return new FrameOrReason(null, "two components with one identifier: left as it was");
                }
            }
            hMax = Math.max(hMax, h);
            vMax = Math.max(vMax, v);
        }
        int mcusAcross = ceilDiv(width, 8 * hMax);
        int mcusDown = ceilDiv(height, 8 * vMax);
        List<CodingFrame.Component> components = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int hv = data[at + 7 + 3 * i] & 0xFF;
            int h = hv >> 4;
            int v = hv & 15;
            int compWidth = ceilDiv(width * h, hMax);
            int compHeight = ceilDiv(height * v, vMax);
            CodingFrame.Component c = new CodingFrame.Component(data[at + 6 + 3 * i] & 0xFF, i, h, v,
                    ceilDiv(compWidth, 8), ceilDiv(compHeight, 8), mcusAcross * h, mcusDown * v);
            if ((long) c.paddedWide() * c.paddedHigh() > MAX_BLOCKS_PER_COMPONENT) {
                return new FrameOrReason(null, "too many blocks for one component: left as it was");
            }
            components.add(c);
        }
        CodingFrame frame = new CodingFrame(sof.marker(), precision, width, height, List.copyOf(components), hMax,
                vMax, mcusAcross, mcusDown);
        long needed = frame.totalBlocks() * BYTES_PER_BLOCK;
        long budget = Runtime.getRuntime().maxMemory() / HEAP_SHARE;
        if (needed > budget) {
            return new FrameOrReason(null, String.format("its coefficients need %d MB, more than a third of the heap"
                    + " (%d MB): left as it was", needed >> 20, budget >> 20));
        }
        return new FrameOrReason(frame, null);
    }

    private static int ceilDiv(int a, int b) {
        return (int) (((long) a + b - 1) / b);
    }
}
