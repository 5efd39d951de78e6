package org.imageguard.engine.jpeg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The metadata found in a JPEG's records, before any change: what both {@code rewrite} and {@code read} start from.
 *
 * @param frame            the first SOFn frame header, or null when there is none
 * @param exif             the first Exif APP1's TIFF structure (after {@code Exif\0\0}), or null
 * @param duplicateExif    how many more Exif APP1 segments follow the first
 * @param xmp              the first standard XMP packet, or null
 * @param extendedXmp      the Extended XMP the standard packet refers to, reassembled, or null
 * @param extendedXmpLost  whether Extended XMP portions were found that could not be used
 * @param others           other metadata records, described for {@code inspect}
 */
record JpegMetadata(JpegFrame frame, byte[] exif, int duplicateExif, byte[] xmp, byte[] extendedXmp,
                    boolean extendedXmpLost, List<String> others) {

    static JpegMetadata collect(byte[] data, List<JpegSegment> segments) {
        JpegFrame frame = null;
        byte[] exif = null;
        int duplicateExif = 0;
        byte[] xmp = null;
        ExtendedXmp extended = new ExtendedXmp(data);
        Set<String> others = new LinkedHashSet<>();
        for (JpegSegment s : segments) {
            JpegSegmentType type = JpegSegmentType.of(data, s);
            switch (type) {
                case FRAME -> frame = frame != null ? frame : JpegFrame.parse(data, s);
                case EXIF -> {
                    if (exif == null) {
                        exif = Arrays.copyOfRange(data, s.payloadOffset() + JpegSegmentType.EXIF_ID.length, s.end());
                    } else {
                        duplicateExif++;
                    }
                }
                case XMP -> xmp = xmp != null ? xmp
                        : Arrays.copyOfRange(data, s.payloadOffset() + JpegSegmentType.XMP_ID.length, s.end());
                case XMP_EXTENDED -> {
                    extended.add(s);
                    others.add(type.describe(data, s));
                }
                case JFIF -> {
                    if (JpegSegmentType.hasJfifThumbnail(s)) {
                        others.add("APP0 JFIF thumbnail");
                    }
                }
                case JFXX, ICC_PROFILE, MPF, PHOTOSHOP, ADOBE, OTHER_APP, COMMENT, TRAILING ->
                        others.add(type.describe(data, s));
                case PICTURE -> { }
            }
        }
        byte[] extendedXmp = extended.assemble(ExtendedXmp.referencedGuid(xmp));
        return new JpegMetadata(frame, exif, duplicateExif, xmp, extendedXmp,
                !extended.isEmpty() && extendedXmp == null, new ArrayList<>(others));
    }
}
