package org.imageguard.engine.jpeg;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.imageguard.config.StripMode;
import org.imageguard.engine.MetadataPlan;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.XmpPackets;
import org.imageguard.engine.io.Bytes;
import org.imageguard.engine.io.GatheredOutput;

/** One rewrite of one file: the state {@link JpegRewriter} needs while it walks the segments. Not thread-safe. */
final class JpegRewrite {

    /** The largest standard XMP packet: a segment's payload less the 29-byte identifier, less Adobe's 2 spare. */
    static final int MAX_STANDARD_XMP = JpegSegment.MAX_PAYLOAD - JpegSegmentType.XMP_ID.length - 2;

    private final byte[] input;
    /** The file's size: the first {@code length} bytes of {@code input}. */
    private final int length;
    private final MetadataPlan plan;
    private final RewriteReport.Builder report;
    private final boolean strip;
    private final JpegOutput out;
    private boolean metadataWritten;

    JpegRewrite(byte[] input, int length, MetadataPlan plan, RewriteReport.Builder report) {
        this.input = input;
        this.length = length;
        this.plan = plan;
        this.report = report;
        this.strip = plan.strip() != StripMode.NONE;
        this.out = new JpegOutput(input);
    }

    GatheredOutput run() {
        List<JpegSegment> segments = JpegSegmentReader.read(input, length);
        JpegMetadata found = JpegMetadata.collect(input, segments);
        if (found.frame() != null) {
            report.dimensions(found.frame().width(), found.frame().height());
        }
        byte[] exif = cleanExif(found);
        XmpPackets xmp = newXmp(found);
        for (JpegSegment segment : segments) {
            JpegSegmentType type = JpegSegmentType.of(input, segment);
            if (!metadataWritten && segment.kind() != JpegSegment.Kind.SOI
                    && type != JpegSegmentType.JFIF && type != JpegSegmentType.JFXX) {
                writeMetadata(exif, xmp);
            }
            handle(segment, type);
        }
        if (!metadataWritten) {
            writeMetadata(exif, xmp);
        }
        return out.gathered();
    }

    private byte[] cleanExif(JpegMetadata found) {
        if (found.duplicateExif() > 0) {
            report.removed("APP1 EXIF (" + found.duplicateExif() + " duplicate)");
        }
        if (found.exif() == null) {
            return null;
        }
        if (!startsWithByteOrderMark(found.exif())) {
            report.removed("APP1 EXIF (not a TIFF structure)");
            return null;
        }
        byte[] cleaned = plan.cleanExif(found.exif());
        if (cleaned == null) {
            report.removed("APP1 EXIF");
        }
        return cleaned;
    }

    /** The plan is promised a TIFF structure; anything else is not EXIF a reader could use, so it goes. */
    private static boolean startsWithByteOrderMark(byte[] tiff) {
        return tiff.length >= 8 && ((tiff[0] == 'I' && tiff[1] == 'I' && tiff[2] == 42 && tiff[3] == 0)
                || (tiff[0] == 'M' && tiff[1] == 'M' && tiff[2] == 0 && tiff[3] == 42));
    }

    private XmpPackets newXmp(JpegMetadata found) {
        if (found.extendedXmpLost()) {
            report.removed("APP1 Extended XMP (incomplete or not referenced)");
        }
        return plan.xmp(found.xmp(), found.extendedXmp(), MAX_STANDARD_XMP);
    }

    /** EXIF first, then XMP: where the Exif and XMP specifications want them, right after SOI and JFIF. */
    private void writeMetadata(byte[] exif, XmpPackets xmp) {
        metadataWritten = true;
        if (exif != null) {
            out.segment(JpegSegment.APP1, JpegSegmentType.EXIF_ID, exif);
        }
        if (xmp.standard().length > MAX_STANDARD_XMP) {
            throw new IllegalStateException("standard XMP packet of " + xmp.standard().length
                    + " bytes exceeds " + MAX_STANDARD_XMP);
        }
        out.segment(JpegSegment.APP1, JpegSegmentType.XMP_ID, xmp.standard());
        if (xmp.hasExtended()) {
            writeExtended(xmp.extended(), xmp.extendedGuid());
        }
    }

    private void writeExtended(byte[] extended, String guid) {
        byte[] guidBytes = guid.getBytes(StandardCharsets.US_ASCII);
        if (guidBytes.length != 32) {
            throw new IllegalStateException("Extended XMP GUID must be 32 hex digits, was " + guid);
        }
        for (int offset = 0; offset < extended.length; offset += ExtendedXmp.MAX_PORTION) {
            byte[] header = Arrays.copyOf(guidBytes, 40);
            Bytes.putU32be(header, 32, extended.length);
            Bytes.putU32be(header, 36, offset);
            byte[] portion = Arrays.copyOfRange(extended, offset,
                    Math.min(extended.length, offset + ExtendedXmp.MAX_PORTION));
            out.segment(JpegSegment.APP1, JpegSegmentType.XMP_EXTENDED_ID, header, portion);
        }
    }

    private void handle(JpegSegment segment, JpegSegmentType type) {
        switch (type) {
            // Already read and written again in their place.
            case EXIF, XMP, XMP_EXTENDED -> { }
            // The picture: tables, frame, scans, ICC colours, Adobe's colour transform.
            case PICTURE, FRAME, ICC_PROFILE, ADOBE -> out.copy(segment);
            case JFIF -> jfif(segment);
            case PHOTOSHOP -> photoshop(segment);
            case TRAILING -> dropIf(strip && JpegSegmentType.isEmbeddedJpeg(input, segment), segment, type);
            case JFXX, MPF, OTHER_APP, COMMENT -> dropIf(strip, segment, type);
        }
    }

    private void dropIf(boolean drop, JpegSegment segment, JpegSegmentType type) {
        if (drop) {
            report.removed(type.describe(input, segment));
        } else {
            out.copy(segment);
        }
    }

    /** Keeps the JFIF header (density matters to some viewers) and drops its thumbnail pixels when stripping. */
    private void jfif(JpegSegment segment) {
        if (!strip || !JpegSegmentType.hasJfifThumbnail(segment)) {
            out.copy(segment);
            return;
        }
        byte[] fixed = Arrays.copyOfRange(input, segment.payloadOffset(),
                segment.payloadOffset() + JpegSegmentType.JFIF_FIXED);
        fixed[JpegSegmentType.JFIF_FIXED - 2] = 0;
        fixed[JpegSegmentType.JFIF_FIXED - 1] = 0;
        out.segment(JpegSegment.APP0, fixed);
        report.removed("APP0 JFIF thumbnail");
    }

    private void photoshop(JpegSegment segment) {
        byte[] payload = Arrays.copyOfRange(input, segment.payloadOffset(), segment.end());
        String name = JpegSegmentType.PHOTOSHOP.describe(input, segment);
        byte[] cleaned = plan.cleanPhotoshopIrb(payload);
        if (cleaned == null) {
            report.removed(name);
        } else if (Arrays.equals(cleaned, payload)) {
            out.copy(segment);
        } else {
            out.segment(JpegSegment.APP13, cleaned);
        }
    }
}
