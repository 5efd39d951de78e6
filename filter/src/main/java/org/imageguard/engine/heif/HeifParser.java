package org.imageguard.engine.heif;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;

/**
 * Reads the structure of a still HEIF/AVIF image, bounded and validated: {@code ftyp} first, one top-level
 * {@code meta} (handler {@code pict}) with {@code pitm}, {@code iinf} ({@code infe} versions 2 and 3), {@code iloc}
 * (versions 0 to 2, construction methods 0 and 1, data in this file), {@code iref}, {@code iprp}, {@code idat}.
 * Every box must lie within its parent and every extent within the file or the {@code idat}. Image sequences
 * ({@code moov}) are refused: their chunk offsets would move with the data.
 *
 * <pre>{@code
 * HeifFile heif = HeifParser.parse(bytes, ImageFormat.AVIF); // ImageFormatException for anything unsafe
 * }</pre>
 */
final class HeifParser {

    /** Caps on counts a hostile file could inflate; real images have a few dozen items. */
    static final int MAX_ITEMS = 65_535;
    static final int MAX_EXTENTS = 1 << 20;

    private HeifParser() {
    }

    static HeifFile parse(byte[] in, ImageFormat format) {
        List<HeifBox> top = new BoxCursor(in, format, 0, in.length).boxes();
        if (top.isEmpty() || !top.get(0).type().equals("ftyp")) {
            throw new ImageFormatException(format, 0, "expected an ftyp box first, found "
                    + (top.isEmpty() ? "an empty file" : "'" + top.get(0).type() + "'"));
        }
        HeifBox meta = null;
        for (HeifBox box : top) {
            if (box.type().equals("moov")) {
                throw new ImageFormatException(format, box.start(),
                        "expected a still image, found an image sequence (moov): image sequences are not supported");
            }
            if (box.type().equals("meta")) {
                if (meta != null) {
                    throw new ImageFormatException(format, box.start(), "expected one meta box, found a second");
                }
                meta = box;
            }
        }
        if (meta == null) {
            throw new ImageFormatException(format, in.length, "expected a meta box, found none");
        }
        return new MetaReader(in, format, top, meta).read();
    }

    /** Reads one {@code meta} box. */
    private static final class MetaReader {
        private final byte[] in;
        private final ImageFormat format;
        private final List<HeifBox> top;
        private final HeifBox meta;
        private final Map<String, HeifBox> children = new LinkedHashMap<>();
        private List<HeifBox> metaChildren;

        MetaReader(byte[] in, ImageFormat format, List<HeifBox> top, HeifBox meta) {
            this.in = in;
            this.format = format;
            this.top = top;
            this.meta = meta;
        }

        HeifFile read() {
            BoxCursor cursor = BoxCursor.of(in, format, meta);
            int versionAndFlags = cursor.fullBoxHeader("meta");
            if (versionAndFlags >>> 24 != 0) {
                throw error(meta.dataStart(), "expected meta version 0, found " + (versionAndFlags >>> 24));
            }
            metaChildren = cursor.boxes();
            for (HeifBox child : metaChildren) {
                if (children.putIfAbsent(child.type(), child) != null && !child.type().equals("free")
                        && !child.type().equals("skip")) {
                    throw error(child.start(), "expected one '" + child.type() + "' box in meta, found a second");
                }
            }
            checkHandler();
            long primary = primaryId();
            List<HeifItem> items = items();
            HeifBox iloc = required("iloc");
            int ilocVersion = in[iloc.dataStart()] & 0xFF;
            Map<Long, ItemLocation> locations = locations(iloc);
            HeifBox idat = children.get("idat");
            checkExtents(locations, idat);
            List<ItemReference> references = references();
            List<PropertyAssociation> associations = new ArrayList<>();
            int[] size = primarySize(primary, associations);
            if (items.stream().noneMatch(item -> item.id() == primary)) {
                throw error(required("pitm").start(), "expected the primary item " + primary
                        + " among the items, found none");
            }
            return new HeifFile(format, top, meta, metaChildren, primary, items, locations, ilocVersion, references,
                    idat, associations, size[0], size[1]);
        }

        private void checkHandler() {
            HeifBox hdlr = required("hdlr");
            BoxCursor cursor = BoxCursor.of(in, format, hdlr);
            cursor.fullBoxHeader("hdlr");
            cursor.u32("the hdlr pre_defined field");
            int at = cursor.position();
            String handler = cursor.fourCc("the handler type");
            if (!handler.equals("pict")) {
                throw error(at, "expected handler 'pict', found '" + handler + "'");
            }
        }

        private long primaryId() {
            BoxCursor cursor = BoxCursor.of(in, format, required("pitm"));
            int version = cursor.fullBoxHeader("pitm") >>> 24;
            return cursor.itemId(version != 0, "the primary item ID");
        }

        private List<HeifItem> items() {
            HeifBox iinf = required("iinf");
            BoxCursor cursor = BoxCursor.of(in, format, iinf);
            int version = cursor.fullBoxHeader("iinf") >>> 24;
            long count = version == 0 ? cursor.u16("the item count") : cursor.u32("the item count");
            List<HeifBox> boxes = cursor.boxes();
            if (count != boxes.size() || count > MAX_ITEMS) {
                throw error(iinf.start(), "expected " + count + " infe boxes (at most " + MAX_ITEMS + "), found "
                        + boxes.size());
            }
            List<HeifItem> items = new ArrayList<>();
            for (HeifBox infe : boxes) {
                HeifItem item = item(infe);
                if (items.stream().anyMatch(other -> other.id() == item.id())) {
                    throw error(infe.start(), "expected unique item IDs, found " + item.id() + " twice");
                }
                items.add(item);
            }
            return items;
        }

        private HeifItem item(HeifBox infe) {
            if (!infe.type().equals("infe")) {
                throw error(infe.start(), "expected an infe box in iinf, found '" + infe.type() + "'");
            }
            BoxCursor cursor = BoxCursor.of(in, format, infe);
            int version = cursor.fullBoxHeader("infe") >>> 24;
            if (version != 2 && version != 3) {
                throw error(infe.dataStart(), "expected infe version 2 or 3, found " + version);
            }
            long id = cursor.itemId(version == 3, "the item ID");
            cursor.u16("the item protection index");
            String type = cursor.fourCc("the item type");
            cursor.string(); // item name
            String contentType = type.equals("mime") ? cursor.string() : "";
            return new HeifItem(id, type, contentType, infe);
        }

        private Map<Long, ItemLocation> locations(HeifBox iloc) {
            BoxCursor cursor = BoxCursor.of(in, format, iloc);
            int version = cursor.fullBoxHeader("iloc") >>> 24;
            if (version > 2) {
                throw error(iloc.dataStart(), "expected iloc version 0, 1 or 2, found " + version);
            }
            int sizes = cursor.u8("the iloc offset and length sizes");
            int offsetSize = sizes >>> 4;
            int lengthSize = sizes & 0xF;
            int sizes2 = cursor.u8("the iloc base offset and index sizes");
            int baseOffsetSize = sizes2 >>> 4;
            int indexSize = version == 0 ? 0 : sizes2 & 0xF;
            long count = version < 2 ? cursor.u16("the iloc item count") : cursor.u32("the iloc item count");
            Map<Long, ItemLocation> locations = new LinkedHashMap<>();
            long totalExtents = 0;
            for (long i = 0; i < count; i++) {
                int entry = cursor.position();
                long id = cursor.itemId(version == 2, "an iloc item ID");
                boolean inIdat = false;
                if (version != 0) {
                    int method = cursor.u16("the construction method") & 0xF;
                    if (method > 1) {
                        throw error(entry, "expected construction method 0 (file) or 1 (idat), found " + method
                                + " for item " + id);
                    }
                    inIdat = method == 1;
                }
                int dataReference = cursor.u16("the data reference index");
                if (dataReference != 0) {
                    throw error(entry, "expected item " + id + "'s data in this file (data reference 0), found "
                            + dataReference);
                }
                long base = cursor.unsigned(baseOffsetSize, "the base offset");
                int extentCount = cursor.u16("the extent count");
                totalExtents += extentCount;
                if (totalExtents > MAX_EXTENTS) {
                    throw error(entry, "expected at most " + MAX_EXTENTS + " extents, found more");
                }
                List<ItemLocation.Extent> extents = new ArrayList<>(extentCount);
                for (int e = 0; e < extentCount; e++) {
                    cursor.unsigned(indexSize, "the extent index");
                    int at = cursor.position();
                    long offset = base + cursor.unsigned(offsetSize, "the extent offset");
                    long length = cursor.unsigned(lengthSize, "the extent length");
                    extents.add(extent(at, id, offset, length, inIdat));
                }
                if (locations.put(id, new ItemLocation(id, inIdat, extents)) != null) {
                    throw error(entry, "expected one iloc entry per item, found two for item " + id);
                }
            }
            return locations;
        }

        /** An extent checked against what it lies in; a length of 0 means "to the end". */
        private ItemLocation.Extent extent(int at, long id, long offset, long length, boolean inIdat) {
            long limit = inIdat ? idatLength() : in.length;
            if (offset < 0 || offset > limit || length > limit - offset) {
                throw error(at, "expected item " + id + "'s extent within the " + limit + " bytes of "
                        + (inIdat ? "the idat box" : "the file") + ", found offset " + offset + " length " + length);
            }
            return new ItemLocation.Extent((int) offset, (int) (length == 0 ? limit - offset : length));
        }

        private long idatLength() {
            HeifBox idat = children.get("idat");
            return idat == null ? 0 : idat.end() - idat.dataStart();
        }

        private void checkExtents(Map<Long, ItemLocation> locations, HeifBox idat) {
            for (ItemLocation location : locations.values()) {
                if (location.inIdat() && idat == null && !location.extents().isEmpty()) {
                    throw error(meta.start(), "expected an idat box for item " + location.itemId() + ", found none");
                }
            }
        }

        private List<ItemReference> references() {
            HeifBox iref = children.get("iref");
            if (iref == null) {
                return List.of();
            }
            BoxCursor cursor = BoxCursor.of(in, format, iref);
            int version = cursor.fullBoxHeader("iref") >>> 24;
            if (version > 1) {
                throw error(iref.dataStart(), "expected iref version 0 or 1, found " + version);
            }
            List<ItemReference> references = new ArrayList<>();
            for (HeifBox box : cursor.boxes()) {
                BoxCursor reference = BoxCursor.of(in, format, box);
                long from = reference.itemId(version == 1, "the referencing item ID");
                int count = reference.u16("the reference count");
                List<Long> to = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    to.add(reference.itemId(version == 1, "a referenced item ID"));
                }
                if (reference.remaining() != 0) {
                    throw error(reference.position(), "expected the end of the '" + box.type()
                            + "' reference, found " + reference.remaining() + " more bytes");
                }
                references.add(new ItemReference(box.type(), from, to));
            }
            return references;
        }

        /** Reads every ipma entry into {@code associations}; returns the primary item's ispe width and height. */
        private int[] primarySize(long primary, List<PropertyAssociation> associations) {
            HeifBox iprp = children.get("iprp");
            if (iprp == null) {
                return new int[2];
            }
            List<HeifBox> properties = List.of();
            List<HeifBox> iprpChildren = new BoxCursor(in, format, iprp.dataStart(), iprp.end()).boxes();
            for (HeifBox child : iprpChildren) {
                if (child.type().equals("ipco")) {
                    properties = new BoxCursor(in, format, child.dataStart(), child.end()).boxes();
                } else if (child.type().equals("ipma")) {
                    associations(child, associations);
                }
            }
            for (PropertyAssociation association : associations) {
                if (association.itemId() != primary) {
                    continue;
                }
                for (int index : association.properties()) {
                    if (index > 0 && index <= properties.size() && properties.get(index - 1).type().equals("ispe")) {
                        BoxCursor ispe = BoxCursor.of(in, format, properties.get(index - 1));
                        ispe.fullBoxHeader("ispe");
                        long width = ispe.u32("the image width");
                        long height = ispe.u32("the image height");
                        return new int[] {(int) Math.min(width, Integer.MAX_VALUE),
                                (int) Math.min(height, Integer.MAX_VALUE)};
                    }
                }
            }
            return new int[2];
        }

        private void associations(HeifBox ipma, List<PropertyAssociation> associations) {
            BoxCursor cursor = BoxCursor.of(in, format, ipma);
            int versionAndFlags = cursor.fullBoxHeader("ipma");
            boolean wideIds = versionAndFlags >>> 24 != 0;
            boolean wideIndexes = (versionAndFlags & 1) != 0;
            long count = cursor.u32("the ipma entry count");
            if (count > MAX_ITEMS) {
                throw error(ipma.dataStart(), "expected at most " + MAX_ITEMS + " ipma entries, found " + count);
            }
            for (long i = 0; i < count; i++) {
                int start = cursor.position();
                long id = cursor.itemId(wideIds, "an ipma item ID");
                int[] indexes = new int[cursor.u8("the association count")];
                for (int a = 0; a < indexes.length; a++) {
                    indexes[a] = wideIndexes ? cursor.u16("a property index") & 0x7FFF
                            : cursor.u8("a property index") & 0x7F;
                }
                associations.add(new PropertyAssociation(ipma, id, start, cursor.position(), indexes));
            }
        }

        private HeifBox required(String type) {
            HeifBox box = children.get(type);
            if (box == null) {
                throw error(meta.start(), "expected a '" + type + "' box in meta, found none");
            }
            return box;
        }

        private ImageFormatException error(long offset, String problem) {
            return new ImageFormatException(format, offset, problem);
        }
    }
}
