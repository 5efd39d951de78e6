package org.imageguard.engine.jpeg;

import java.util.ArrayList;
import java.util.List;

import org.imageguard.config.OptimizeEffort;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.LosslessOptimizer;

/**
 * Lossless JPEG optimisation, what {@code jpegtran -optimize -progressive} does, in plain Java: the scans of a
 * Huffman-coded baseline, extended or progressive JPEG are decoded to their quantised DCT coefficients and written
 * again with optimal Huffman tables, progressive and/or sequential, keeping the smallest. Every coefficient stays
 * as it was, so the pixels do too. All segments other than DHT, SOS and scan data are copied as they are, in order
 * (the SOF marker byte aside, which names the new process); the restart interval is kept.
 *
 * <p>Arithmetic-coded, lossless, hierarchical and otherwise unusual files (DNL, more than four components, segments
 * between scans, incomplete progressions) come back as they were with a note saying why, as do pictures larger than
 * {@code maxPixels}, checked from the frame header before anything is allocated.
 *
 * <pre>{@code
 * LosslessOptimizer.Result r = new JpegOptimizer().optimize(jpeg, OptimizeEffort.DEFAULT, 50_000_000L);
 * }</pre>
 */
public final class JpegOptimizer implements LosslessOptimizer {

    private static final int SOF0 = 0xC0;
    private static final int SOF1 = 0xC1;
    private static final int SOF2 = 0xC2;

    @Override
    public ImageFormat format() {
        return ImageFormat.JPEG;
    }

    @Override
    public Result optimize(byte[] image, OptimizeEffort effort, long maxPixels) {
        List<JpegSegment> segments = JpegSegmentReader.read(image);
        EntropyLayout layout = EntropyLayout.of(image, segments, maxPixels);
        if (layout.unsupported() != null) {
            return Result.unchanged(image, layout.unsupported());
        }
        short[][] coefficients;
        try {
            coefficients = CoefficientDecoder.decode(image, layout);
        } catch (LeftAlone why) {
            return Result.unchanged(image, why.getMessage());
        }
        CodingFrame frame = layout.frame();
        byte[] best = null;
        String bestName = null;
        for (ScanScript script : scripts(frame, effort)) {
            byte[] candidate = write(image, layout, coefficients, script, best == null ? image.length : best.length);
            if (best == null || candidate.length < best.length) {
                best = candidate;
                bestName = script.name();
            }
        }
        if (best.length >= image.length) {
            return Result.unchanged(image, "already as small as " + bestName + " with optimal Huffman tables: "
                    + "left as it was");
        }
        return new Result(best, bestName + ", optimal Huffman tables");
    }

    static List<ScanScript> scripts(CodingFrame frame, OptimizeEffort effort) {
        List<ScanScript> scripts = new ArrayList<>();
        scripts.add(ScanScript.standard(frame));
        if (effort != OptimizeEffort.FAST) {
            scripts.add(ScanScript.sequential(frame));
        }
        if (effort == OptimizeEffort.MAX) {
            scripts.add(ScanScript.spectralOnly(frame));
            scripts.add(ScanScript.shallowApproximation(frame));
            if (frame.components().size() > 1) {
                scripts.add(ScanScript.separateDc(frame));
            }
        }
        return scripts;
    }

    /** The whole file written with {@code script}: header records, then tables and scans, then EOI and trailer. */
    static byte[] write(byte[] image, EntropyLayout layout, short[][] coefficients, ScanScript script,
            int expectedSize) {
        CodingFrame frame = layout.frame();
        EntropyWriter out = new EntropyWriter(expectedSize + expectedSize / 8);
        for (JpegSegment s : layout.header()) {
            int at = out.length();
            out.raw(image, s.offset(), s.size());
            if (s == layout.sof()) {
                out.patch(at + 1, script.progressive() ? SOF2 : frame.precision() == 8 ? SOF0 : SOF1);
            }
        }
        ScanEncoder encoder = new ScanEncoder(frame, coefficients, layout.restartInterval());
        if (script.progressive()) {
            for (ScanHeader scan : script.scans()) {
                EntropySink.Counter counter = new EntropySink.Counter();
                encoder.encode(scan, true, counter);
                defineTables(out, counter);
                writeScan(out, encoder, frame, scan, true);
            }
        } else {
            EntropySink.Counter counter = new EntropySink.Counter();
            for (ScanHeader scan : script.scans()) {
                encoder.encode(scan, false, counter);
            }
            defineTables(out, counter);
            for (ScanHeader scan : script.scans()) {
                writeScan(out, encoder, frame, scan, false);
            }
        }
        for (JpegSegment s : layout.tail()) {
            out.raw(image, s.offset(), s.size());
        }
        return out.toByteArray();
    }

    private static void defineTables(EntropyWriter out, EntropySink.Counter counter) {
        int[] ids = new int[8];
        int count = 0;
        for (int id = 0; id < 8; id++) {
            if (counter.used(id)) {
                out.use(id, HuffmanEncodingTable.optimal(counter.frequencies[id]));
                ids[count++] = id;
            }
        }
        if (count > 0) {
            out.dht(ids, count);
        }
    }

    private static void writeScan(EntropyWriter out, ScanEncoder encoder, CodingFrame frame, ScanHeader scan,
            boolean progressive) {
        int n = scan.components().length;
        out.rawByte(0xFF);
        out.rawByte(JpegSegment.SOS);
        out.rawU16(6 + 2 * n);
        out.rawByte(n);
        boolean dcUsed = !progressive || (scan.ss() == 0 && scan.ah() == 0);
        boolean acUsed = !progressive || scan.ss() > 0;
        for (int i = 0; i < n; i++) {
            out.rawByte(frame.components().get(scan.components()[i]).id());
            out.rawByte((dcUsed ? scan.dcTables()[i] << 4 : 0) | (acUsed ? scan.acTables()[i] : 0));
        }
        out.rawByte(progressive ? scan.ss() : 0);
        out.rawByte(progressive ? scan.se() : 63);
        out.rawByte(progressive ? scan.ah() << 4 | scan.al() : 0);
        encoder.encode(scan, progressive, out);
        out.flushBits();
    }
}
