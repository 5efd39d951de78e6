package org.imageguard.engine.jpeg;

import java.util.List;

import org.imageguard.engine.FormatRewriter;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageMetadata;
import org.imageguard.engine.MetadataPlan;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.io.GatheredOutput;

/**
 * Lossless JPEG metadata surgery at segment level: the entropy-coded data, tables and frame headers are copied byte
 * for byte, so the decoded pixels cannot change.
 *
 * <p>What happens to each record:
 * <ul>
 *   <li>Exif APP1 (the first): its TIFF structure goes through {@link MetadataPlan#cleanExif}; one Exif APP1 is
 *       written back, or none when the plan returns null. Further Exif APP1s are dropped.</li>
 *   <li>XMP APP1s (standard and Extended, reassembled by GUID): all removed; one standard packet from
 *       {@link MetadataPlan#xmp} is written, plus Extended XMP portions when the plan needs them.</li>
 *   <li>Placement: after SOI and any leading APP0 JFIF/JFXX come Exif, then XMP; every other record keeps its
 *       relative order.</li>
 *   <li>APP13 {@code Photoshop 3.0}: through {@link MetadataPlan#cleanPhotoshopIrb}; null drops it.</li>
 *   <li>Never dropped, never changed: APP2 {@code ICC_PROFILE} (all chunks), APP14 {@code Adobe} (CMYK/YCCK
 *       colour transform), tables, frame and scans, and EOI.</li>
 *   <li>When {@code strip} is {@code privacy} or {@code all}: COM comments, JFXX thumbnails, the thumbnail pixels of
 *       a JFIF APP0 (Xthumbnail/Ythumbnail set to 0), APP2 MPF, every other APPn (APP3..APP12, APP15, unknown
 *       APP0..APP2/APP13/APP14 payloads: vendor metadata such as Ducky or FLIR, never needed to draw the picture),
 *       and bytes after EOI that are a JPEG (MPF or vendor previews, which could show the uncropped original).
 *       Other bytes after EOI are kept: their meaning is unknown and some tools need them.</li>
 *   <li>When {@code strip} is {@code none} all of these are kept. MPF offsets stay right as long as nothing after
 *       the MPF segment changes size, which holds unless the plan resizes an APP13 placed after it.</li>
 * </ul>
 * Fill bytes before markers are not kept. A file cut after its first scan is rewritten with what is there, as
 * browsers display it; a file cut anywhere else is an {@link org.imageguard.engine.ImageFormatException}.
 *
 * <pre>{@code
 * FormatRewriter jpeg = new JpegRewriter();
 * byte[] out = jpeg.rewrite(bytes, plan, reportBuilder);
 * }</pre>
 */
public final class JpegRewriter implements FormatRewriter {

    @Override
    public ImageFormat format() {
        return ImageFormat.JPEG;
    }

    @Override
    public byte[] rewrite(byte[] input, MetadataPlan plan, RewriteReport.Builder report) {
        return rewriteGathered(input, input.length, plan, report).toByteArray();
    }

    @Override
    public GatheredOutput rewriteGathered(byte[] input, int length, MetadataPlan plan, RewriteReport.Builder report) {
        report.format(ImageFormat.JPEG);
        return new JpegRewrite(input, length, plan, report).run();
    }

    @Override
    public ImageMetadata read(byte[] input) {
        List<JpegSegment> segments = JpegSegmentReader.read(input);
        JpegMetadata found = JpegMetadata.collect(input, segments);
        int width = found.frame() == null ? 0 : found.frame().width();
        int height = found.frame() == null ? 0 : found.frame().height();
        return new ImageMetadata(ImageFormat.JPEG, width, height, 1, found.xmp(), found.exif(), found.others());
    }
}
