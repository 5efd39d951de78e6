package org.imageguard.engine.jpeg;

import java.util.ArrayList;
import java.util.Comparator;
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
 * <p>Effort: {@code fast} writes jpegtran's progressive script only; {@code default} also sizes a sequential file
 * and keeps the smaller; {@code max} adds progressive scripts without successive approximation, with one
 * refinement pass and with separate DC scans. Each script costs one counting pass over the coefficients; sizes are
 * compared from the statistics (exact but for 0xFF stuffing) and only the winner is written, or both on a near tie.
 *
 * <p>Arithmetic-coded, lossless, hierarchical and otherwise unusual files (DNL, more than four components, segments
 * between scans, incomplete progressions, coefficients out of range) come back as they were with a note saying why,
 * as do pictures larger than {@code maxPixels}, checked from the frame header before anything is allocated, and
 * pictures whose coefficients (2 bytes each, 136 bytes per 8x8 block with its mask) would take more than a third of
 * the heap. Corrupt entropy-coded data (a bad Huffman code, a scan running into a marker, a missing restart marker,
 * a truncated file) is an {@link org.imageguard.engine.ImageFormatException} naming the offset: nothing is repaired.
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
        List<PlannedEncoding> plans = new ArrayList<>();
        ScanEncoder encoder;
        try {
            short[][] coefficients = CoefficientDecoder.decode(image, layout);
            encoder = new ScanEncoder(layout.frame(), coefficients, ScanEncoder.nonzeroMasks(coefficients),
                    layout.restartInterval());
            for (ScanScript script : scripts(layout.frame(), effort)) {
                plans.add(PlannedEncoding.plan(encoder, script));
            }
        } catch (LeftAlone why) {
            return Result.unchanged(image, why.getMessage());
        }
        plans.sort(Comparator.comparingLong(PlannedEncoding::estimatedBytes));
        // Estimates leave out 0xFF stuffing (about 0.4% of the data): near ties are settled by writing both.
        byte[] best = null;
        String bestName = null;
        long cutoff = plans.get(0).estimatedBytes() + plans.get(0).estimatedBytes() / 100 + 64;
        for (PlannedEncoding plan : plans) {
            if (plan.estimatedBytes() > cutoff) {
                break;
            }
            byte[] candidate = write(image, layout, encoder, plan);
            if (best == null || candidate.length < best.length) {
                best = candidate;
                bestName = plan.script().name();
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

    /** The whole file as planned: header records, then tables and scans, then EOI and what follows it. */
    static byte[] write(byte[] image, EntropyLayout layout, ScanEncoder encoder, PlannedEncoding plan) {
        CodingFrame frame = layout.frame();
        EntropyWriter out = new EntropyWriter((int) Math.min(Integer.MAX_VALUE - 16,
                plan.estimatedBytes() + plan.estimatedBytes() / 64 + image.length / 16 + 1024));
        for (JpegSegment s : layout.header()) {
            int at = out.length();
            out.raw(image, s.offset(), s.size());
            if (s == layout.sof()) {
                out.patch(at + 1, plan.script().progressive() ? SOF2 : frame.precision() == 8 ? SOF0 : SOF1);
            }
        }
        plan.writeScans(out, encoder, frame);
        for (JpegSegment s : layout.tail()) {
            out.raw(image, s.offset(), s.size());
        }
        return out.toByteArray();
    }
}
