package org.imageguard.engine.heif;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.imageguard.config.StripMode;
import org.imageguard.engine.FormatRewriter;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.ImageMetadata;
import org.imageguard.engine.MetadataPlan;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.exif.ExifOffsetPayload;

/**
 * Protects a still HEIF image (HEIC, AVIF) without decoding it. Every {@code Exif} item (the primary image's and a
 * thumbnail's alike) goes through the EXIF whitelist and is dropped when nothing is left; orientation needs no EXIF
 * here, since HEIF readers rotate by the {@code irot}/{@code imir} properties, which are copied as they are. Every
 * XMP item ({@code mime}, {@code application/rdf+xml}) is removed and its packet handed to the plan; ours becomes a
 * new {@code mime} item described by a {@code cdsc} reference to the primary item. The file is then rebuilt (see
 * {@link HeifWriter}) so that the removed items' bytes leave it, and every {@code iloc} offset is recomputed; image
 * items (coded images, grids, alpha and depth auxiliaries, thumbnails) keep their data byte for byte.
 * Image sequences ({@code moov}) are refused.
 *
 * <pre>{@code
 * byte[] out = new HeifRewriter(ImageFormat.AVIF).rewrite(avif, plan, new RewriteReport.Builder());
 * }</pre>
 */
public final class HeifRewriter implements FormatRewriter {

    private static final byte[] EXIF_PREFIX = {'E', 'x', 'i', 'f', 0, 0};

    private final ImageFormat format;

    /** @param format {@link ImageFormat#AVIF} or {@link ImageFormat#HEIF}: the same container, two brands */
    public HeifRewriter(ImageFormat format) {
        if (format != ImageFormat.AVIF && format != ImageFormat.HEIF) {
            throw new IllegalArgumentException("not a HEIF format: " + format);
        }
        this.format = format;
    }

    @Override
    public ImageFormat format() {
        return format;
    }

    @Override
    public byte[] rewrite(byte[] input, MetadataPlan plan, RewriteReport.Builder report) {
        HeifFile heif = HeifParser.parse(input, format);
        report.format(format).dimensions(heif.width(), heif.height());
        Set<Long> removed = new HashSet<>();
        Map<Long, byte[]> replaced = new LinkedHashMap<>();
        byte[] existingXmp = null;
        long xmpId = -1;
        long maxId = heif.primaryId();
        for (HeifItem item : heif.items()) {
            maxId = Math.max(maxId, item.id());
            if (item.isXmp()) {
                byte[] data = ItemData.of(input, heif, item);
                if (existingXmp == null && data != null) {
                    existingXmp = data;
                    xmpId = item.id(); // ours takes its place: a second rewrite gives the same bytes
                }
                removed.add(item.id());
            } else if (item.isExif()) {
                cleanExif(input, heif, item, plan, report, removed, replaced);
            }
        }
        for (long id : heif.locations().keySet()) {
            maxId = Math.max(maxId, id);
        }
        if (xmpId < 0 && maxId >= 0xFFFFFFFFL) {
            throw new ImageFormatException(format, heif.meta().start(),
                    "expected a free item ID for the XMP item, found the highest ID in use");
        }
        byte[] xmp = plan.standardXmp(existingXmp);
        if (existingXmp == null) {
            report.added(format + " XMP item");
        }
        return new HeifWriter(input, heif, removed, replaced,
                xmpId < 0 ? maxId + 1 : xmpId, xmp).write();
    }

    /** Replaces the Exif item's data with the cleaned TIFF structure, or marks the item removed. */
    private void cleanExif(byte[] input, HeifFile heif, HeifItem item, MetadataPlan plan,
                           RewriteReport.Builder report, Set<Long> removed, Map<Long, byte[]> replaced) {
        byte[] data = ItemData.of(input, heif, item);
        byte[] tiff = data == null ? null : ExifOffsetPayload.tiff(data);
        if (tiff == null) {
            if (plan.strip() != StripMode.NONE && data != null) {
                removed.add(item.id());
                report.removed(format + " Exif item (unreadable)");
            }
            return;
        }
        byte[] cleaned = plan.cleanExif(tiff);
        if (cleaned == null) {
            removed.add(item.id());
            report.removed(format + " Exif item");
            return;
        }
        // The payload: a 32-bit offset to the TIFF header, then "Exif\0\0" (what Apple and exiftool write).
        byte[] payload = new byte[4 + EXIF_PREFIX.length + cleaned.length];
        payload[3] = (byte) EXIF_PREFIX.length;
        System.arraycopy(EXIF_PREFIX, 0, payload, 4, EXIF_PREFIX.length);
        System.arraycopy(cleaned, 0, payload, 4 + EXIF_PREFIX.length, cleaned.length);
        replaced.put(item.id(), payload);
    }

    @Override
    public ImageMetadata read(byte[] input) {
        HeifFile heif = HeifParser.parse(input, format);
        byte[] xmp = null;
        byte[] exif = null;
        List<String> others = new ArrayList<>();
        for (HeifItem item : heif.items()) {
            byte[] data = ItemData.of(input, heif, item);
            if (item.isXmp() && xmp == null) {
                xmp = data;
            } else if (item.isExif() && exif == null && data != null) {
                exif = ExifOffsetPayload.tiff(data);
            } else if (item.type().equals("mime") && !item.isXmp()) {
                others.add(format + " mime item " + item.contentType());
            }
        }
        return new ImageMetadata(format, heif.width(), heif.height(), 1, xmp, exif, others);
    }
}
