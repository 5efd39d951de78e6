package org.imageguard.engine;

import org.imageguard.config.StripMode;

/**
 * The metadata decisions for one image, made from the effective protection settings. Format rewriters find the
 * records (segments, chunks) and ask the plan what to put in their place; they never build XMP or EXIF themselves.
 * A plan records what it removed and added in the {@link RewriteReport.Builder} it was made with.
 */
public interface MetadataPlan {

    /** What {@code strip} says: which non-XMP, non-EXIF records (comments, text chunks, IPTC) survive. */
    StripMode strip();

    /**
     * The XMP to embed, given the image's own.
     *
     * @param existing         the image's standard XMP packet, or null when it has none
     * @param existingExtended the image's reassembled Extended XMP (JPEG only), or null
     * @param maxStandardBytes the largest standard packet the container holds; larger content goes to Extended XMP
     */
    XmpPackets xmp(byte[] existing, byte[] existingExtended, int maxStandardBytes);

    /**
     * The XMP packet for a container without a size limit or Extended XMP (PNG, WebP, GIF, SVG, TIFF, HEIF, JPEG XL).
     *
     * @param existing the image's XMP packet, or null when it has none
     */
    default byte[] standardXmp(byte[] existing) {
        return xmp(existing, null, Integer.MAX_VALUE).standard();
    }

    /**
     * The image's EXIF, cleaned as {@code strip} says.
     *
     * @param tiff a TIFF structure starting with its byte-order mark ({@code II*\0} or {@code MM\0*})
     * @return the cleaned TIFF structure, or null when nothing worth keeping is left (drop the record)
     */
    byte[] cleanExif(byte[] tiff);

    /**
     * The payload of a JPEG APP13 Photoshop segment (starting with {@code Photoshop 3.0\0}), with IPTC-IIM location and
     * owner datasets removed as {@code strip} says; null to drop the segment.
     */
    byte[] cleanPhotoshopIrb(byte[] app13Payload);
}
