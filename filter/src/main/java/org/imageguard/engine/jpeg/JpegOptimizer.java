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
        ScanEncoder encoder = new ScanEncoder(frame, coefficients, ScanEncoder.nonzeroMasks(coefficients),
                layout.restartInterval());
        List<PlannedEncoding> plans = new ArrayList<>();
        for (ScanScript script : scripts(frame, effort)) {
            plans.add(PlannedEncoding.plan(encoder, script));
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
