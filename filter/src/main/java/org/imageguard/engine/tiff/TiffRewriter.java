package org.imageguard.engine.tiff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imageguard.config.StripMode;
import org.imageguard.engine.FormatRewriter;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageMetadata;
import org.imageguard.engine.MetadataPlan;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.exif.ExifWhitelist;
import org.imageguard.engine.exif.ExifWhitelist.Directory;
import org.imageguard.engine.io.ExactOutput;

/**
 * Protects a TIFF (classic or BigTIFF, either byte order, any number of pages, strips or tiles) by rebuilding the
 * file front to back: each page's pixel data is copied byte for byte, then its directory is written anew with the
 * structure and colour tags as they were ({@link TiffTags#STRUCTURE}: dimensions, samples, compression,
 * photometric, sample format, ICC profile...), the other tags through the EXIF whitelist, the Exif IFD rebuilt with
 * the whitelist's Exif tags, and IFD0 given our XMP (tag 700). The GPS IFD, serial numbers, owner names, MakerNote,
 * IPTC-IIM (33723) and Photoshop resources (34377) are left behind and reported, so none of their bytes remain in
 * the file. With {@code strip: none} every tag is kept (the Exif and GPS IFDs are copied), only the XMP changes.
 *
 * <p>Refused with {@link org.imageguard.engine.ImageFormatException}: a malformed structure (see {@link TiffReader}),
 * SubIFDs (330) and old-style JPEG's stream and tables (513, 514, 519-521), whose offsets this rewrite does not follow.
 *
 * <pre>{@code
 * byte[] out = new TiffRewriter().rewrite(tiff, plan, new RewriteReport.Builder());
 * }</pre>
 */
public final class TiffRewriter implements FormatRewriter {

    /**
     * More strips or tiles per page than real images have (a million rows at one row per strip); the bound keeps the
     * offset arrays of a hostile file to a few MB.
     */
    private static final int MAX_BLOCKS = 1 << 20;
    /** The largest Java array, with the headroom some JVMs keep. */
    private static final long MAX_OUTPUT = Integer.MAX_VALUE - 16;

    @Override
    public ImageFormat format() {
        return ImageFormat.TIFF;
    }

    @Override
    public byte[] rewrite(byte[] input, MetadataPlan plan, RewriteReport.Builder report) {
        TiffFile tiff = TiffReader.read(input);
        TiffDirectory first = tiff.pages().get(0);
        report.format(ImageFormat.TIFF).dimensions(dimension(tiff, first, TiffTags.IMAGE_WIDTH),
                dimension(tiff, first, TiffTags.IMAGE_LENGTH));
        TiffEntry oldXmp = first.get(TiffTags.XMP);
        byte[] xmp = plan.standardXmp(oldXmp == null ? null : oldXmp.value());
        // Measured first, then written into an array of exactly that size: a growing buffer and its trimmed copy
        // would make three image-sized arrays with the input, one more than the in-flight budget reserves.
        TiffWriter measured = TiffWriter.measuring(tiff.order(), tiff.big());
        Map<String, Integer> removed = new LinkedHashMap<>();
        write(input, tiff, plan.strip(), xmp, measured, removed);
        if (measured.size() > MAX_OUTPUT) {
            throw TiffReader.error(-1, "expected an output below 2 GB, found its strips and tiles add up to "
                    + measured.size() + " bytes");
        }
        ExactOutput exact = new ExactOutput((int) measured.size());
        write(input, tiff, plan.strip(), xmp, TiffWriter.into(tiff.order(), tiff.big(), exact), new HashMap<>());
        removed.forEach((what, count) -> report.removed(what + " (" + count + (count == 1 ? " tag)" : " tags)")));
        return exact.result();
    }

    /** The whole file, page by page, into {@code out}; what is left behind is counted in {@code removed}. */
    private static void write(byte[] input, TiffFile tiff, StripMode strip, byte[] xmp, TiffWriter out,
                              Map<String, Integer> removed) {
        for (int p = 0; p < tiff.pages().size(); p++) {
            TiffDirectory page = tiff.pages().get(p);
            List<TiffEntry> kept = new ArrayList<>();
            copyPixelData(input, tiff, page, out, kept);
            boolean hasXmp = false;
            for (TiffEntry entry : page.entries()) {
                int tag = entry.tag();
                if (TiffTags.UNFOLLOWED_POINTERS.contains(tag)) {
                    throw TiffReader.error(page.offset(), "expected no tag " + tag + " (SubIFDs or old-style JPEG),"
                            + " found one in page " + (p + 1));
                }
                if (TiffTags.DATA_OFFSETS.contains(tag) || TiffTags.FREE_SPACE.contains(tag)) {
                    continue;
                }
                if (tag == TiffTags.XMP) {
                    hasXmp = true;
                } else if (tag == TiffTags.EXIF_IFD) {
                    TiffEntry pointer = exifIfd(input, tiff, entry, strip, out, removed);
                    if (pointer != null) {
                        kept.add(pointer);
                    }
                } else if (tag == TiffTags.GPS_IFD) {
                    TiffEntry pointer = gpsIfd(input, tiff, entry, strip, out, removed);
                    if (pointer != null) {
                        kept.add(pointer);
                    }
                } else if (keeps(strip, tag)) {
                    kept.add(entry);
                } else {
                    removed.merge(category(tag), 1, Integer::sum);
                }
            }
            if (p == 0) {
                kept.add(new TiffEntry(TiffTags.XMP, TiffEntry.BYTE, xmp.length, xmp));
            } else if (hasXmp) {
                removed.merge("XMP of a later page", 1, Integer::sum);
            }
            kept.sort(Comparator.comparingInt(TiffEntry::tag));
            out.page(kept);
        }
    }

    @Override
    public ImageMetadata read(byte[] input) {
        TiffFile tiff = TiffReader.read(input);
        TiffDirectory first = tiff.pages().get(0);
        TiffEntry xmp = first.get(TiffTags.XMP);
        List<String> others = new ArrayList<>();
        if (first.get(TiffTags.IPTC) != null) {
            others.add("TIFF IPTC-IIM");
        }
        if (first.get(TiffTags.PHOTOSHOP) != null) {
            others.add("TIFF Photoshop resources");
        }
        if (first.get(TiffTags.ICC_PROFILE) != null) {
            others.add("TIFF ICC profile");
        }
        // The file is itself a TIFF structure: its EXIF reading (GPS, serials, owner) is the whole file's.
        return new ImageMetadata(ImageFormat.TIFF, dimension(tiff, first, TiffTags.IMAGE_WIDTH),
                dimension(tiff, first, TiffTags.IMAGE_LENGTH), tiff.pages().size(),
                xmp == null ? null : xmp.value(), input, others);
    }

    private static boolean keeps(StripMode mode, int tag) {
        return mode == StripMode.NONE || TiffTags.STRUCTURE.contains(tag)
                || ExifWhitelist.keeps(mode, Directory.ROOT, tag);
    }

    private static String category(int tag) {
        return switch (tag) {
            case TiffTags.IPTC -> "TIFF IPTC-IIM";
            case TiffTags.PHOTOSHOP -> "TIFF Photoshop resources";
            default -> ExifWhitelist.category(Directory.ROOT, tag);
        };
    }

    /** Copies every strip or tile of a page; adds the offsets (new) and byte counts (as they were) to {@code kept}. */
    private static void copyPixelData(byte[] input, TiffFile tiff, TiffDirectory page, TiffWriter out,
                                      List<TiffEntry> kept) {
        TiffEntry strips = page.get(TiffTags.STRIP_OFFSETS);
        TiffEntry tiles = page.get(TiffTags.TILE_OFFSETS);
        if ((strips == null) == (tiles == null)) {
            throw TiffReader.error(page.offset(), "expected either StripOffsets or TileOffsets, found "
                    + (strips == null ? "neither" : "both"));
        }
        TiffEntry offsets = strips != null ? strips : tiles;
        TiffEntry counts = page.get(strips != null ? TiffTags.STRIP_BYTE_COUNTS : TiffTags.TILE_BYTE_COUNTS);
        if (counts == null || !offsets.isUnsignedInteger() || !counts.isUnsignedInteger()
                || counts.count() != offsets.count() || offsets.count() > MAX_BLOCKS) {
            throw TiffReader.error(page.offset(), "expected as many byte counts as offsets (SHORT, LONG or LONG8, "
                    + "at most " + MAX_BLOCKS + "), found " + offsets.count() + " offsets and "
                    + (counts == null ? "no counts" : counts.count() + " counts"));
        }
        long[] from = offsets.unsignedValues(tiff.order());
        long[] lengths = counts.unsignedValues(tiff.order());
        long[] to = new long[from.length];
        for (int i = 0; i < from.length; i++) {
            TiffReader.requireRange(input, from[i], lengths[i], "strip or tile " + i);
            to[i] = out.append(input, (int) from[i], (int) lengths[i]);
        }
        kept.add(TiffEntry.ofOffsets(offsets.tag(), to, tiff.order(), tiff.big()));
        kept.add(counts);
    }

    /** The Exif IFD through the whitelist (its Interoperability IFD too); null when nothing is left. */
    private static TiffEntry exifIfd(byte[] input, TiffFile tiff, TiffEntry pointer, StripMode mode, TiffWriter out,
                                     Map<String, Integer> removed) {
        TiffDirectory exif = TiffReader.directory(input, tiff, target(pointer, tiff));
        List<TiffEntry> kept = new ArrayList<>();
        for (TiffEntry entry : exif.entries()) {
            if (entry.tag() == TiffTags.INTEROP_IFD) {
                TiffEntry interop = subDirectory(input, tiff, entry, mode, Directory.INTEROP, out, removed);
                if (interop != null) {
                    kept.add(interop);
                }
            } else if (mode == StripMode.NONE || ExifWhitelist.keeps(mode, Directory.EXIF, entry.tag())) {
                kept.add(entry);
            } else {
                removed.merge(ExifWhitelist.category(Directory.EXIF, entry.tag()), 1, Integer::sum);
            }
        }
        return place(pointer.tag(), kept, tiff, out);
    }

    /** The GPS IFD: copied under {@code strip: none}, else left behind and counted. */
    private static TiffEntry gpsIfd(byte[] input, TiffFile tiff, TiffEntry pointer, StripMode mode, TiffWriter out,
                                    Map<String, Integer> removed) {
        return subDirectory(input, tiff, pointer, mode, Directory.GPS, out, removed);
    }

    private static TiffEntry subDirectory(byte[] input, TiffFile tiff, TiffEntry pointer, StripMode mode,
                                          Directory kind, TiffWriter out, Map<String, Integer> removed) {
        TiffDirectory directory = TiffReader.directory(input, tiff, target(pointer, tiff));
        List<TiffEntry> kept = new ArrayList<>();
        for (TiffEntry entry : directory.entries()) {
            if (mode == StripMode.NONE || ExifWhitelist.keeps(mode, kind, entry.tag())) {
                kept.add(entry);
            } else {
                removed.merge(ExifWhitelist.category(kind, entry.tag()), 1, Integer::sum);
            }
        }
        return place(pointer.tag(), kept, tiff, out);
    }

    private static TiffEntry place(int pointerTag, List<TiffEntry> kept, TiffFile tiff, TiffWriter out) {
        if (kept.isEmpty()) {
            return null;
        }
        long at = out.subDirectory(kept);
        return TiffEntry.ofOffsets(pointerTag, new long[] {at}, tiff.order(), tiff.big());
    }

    /** The offset a one-value pointer entry holds. */
    private static long target(TiffEntry pointer, TiffFile tiff) {
        if (!pointer.isUnsignedInteger() || pointer.count() != 1) {
            throw TiffReader.error(-1, "expected tag " + pointer.tag() + " to hold one offset, found type "
                    + pointer.type() + " with " + pointer.count() + " values");
        }
        return pointer.unsignedValues(tiff.order())[0];
    }

    private static int dimension(TiffFile tiff, TiffDirectory page, int tag) {
        TiffEntry entry = page.get(tag);
        if (entry == null || !entry.isUnsignedInteger() || entry.count() != 1) {
            return 0;
        }
        long value = entry.unsignedValues(tiff.order())[0];
        return value > Integer.MAX_VALUE ? 0 : (int) value;
    }
}
