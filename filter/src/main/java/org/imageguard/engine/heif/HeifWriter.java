package org.imageguard.engine.heif;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.io.ExactOutput;

/**
 * Rebuilds a HEIF file: {@code ftyp}, a new {@code meta}, the other top-level boxes, then one {@code mdat} holding
 * the kept items' data (their byte ranges copied in file order), the rewritten Exif items and the new XMP item.
 * Every {@code iloc} offset is recomputed; image item payloads are copied byte for byte. {@code free} and
 * {@code skip} boxes, and bytes no kept item points to, are left out.
 */
final class HeifWriter {

    private static final int MDAT_HEADER = 8;

    private final byte[] in;
    private final HeifFile heif;
    private final Set<Long> removed;
    private final Map<Long, byte[]> replaced;
    private final long xmpId;
    private final byte[] xmp;
    private final ByteRanges fileRanges;
    private final ByteRanges idatRanges;
    private final List<Long> keptIds = new ArrayList<>();

    /**
     * @param removed  items that leave the file (with their references and property associations)
     * @param replaced items whose data is replaced (cleaned Exif)
     * @param xmpId    the ID of the new XMP item, {@code xmp} its data
     */
    HeifWriter(byte[] in, HeifFile heif, Set<Long> removed, Map<Long, byte[]> replaced, long xmpId, byte[] xmp) {
        this.in = in;
        this.heif = heif;
        this.removed = removed;
        this.replaced = replaced;
        this.xmpId = xmpId;
        this.xmp = xmp;
        List<ItemLocation.Extent> inFile = new ArrayList<>();
        List<ItemLocation.Extent> inIdat = new ArrayList<>();
        for (ItemLocation location : heif.locations().values()) {
            if (!removed.contains(location.itemId()) && !replaced.containsKey(location.itemId())) {
                (location.inIdat() ? inIdat : inFile).addAll(location.extents());
            }
        }
        this.fileRanges = new ByteRanges(inFile);
        this.idatRanges = new ByteRanges(inIdat);
        for (HeifItem item : heif.items()) {
            if (!removed.contains(item.id())) {
                keptIds.add(item.id());
            }
        }
        keptIds.add(xmpId);
    }

    byte[] write() {
        List<HeifBox> others = heif.topLevel().stream().filter(box -> switch (box.type()) {
            case "ftyp", "meta", "mdat", "free", "skip" -> false;
            default -> true;
        }).toList();
        HeifBox ftyp = heif.topLevel().get(0);
        long othersLength = others.stream().mapToLong(box -> box.end() - box.start()).sum();
        long before = ftyp.end() - ftyp.start() + meta(0).length + othersLength + MDAT_HEADER;
        byte[] meta = meta(before);
        long mdatPayload = fileRanges.total() + replaced.values().stream().mapToLong(data -> data.length).sum()
                + xmp.length;
        long size = before + mdatPayload;
        if (size > Integer.MAX_VALUE - 16) {
            throw error(0, "expected an output below 2 GB, found " + size + " bytes");
        }
        // Exactly sized and handed over without a copy: the input and this output are the two copies the in-flight
        // budget reserves for.
        ExactOutput out = new ExactOutput((int) size);
        out.write(in, ftyp.start(), ftyp.end() - ftyp.start());
        out.writeBytes(meta);
        for (HeifBox box : others) {
            copyBox(box, out);
        }
        out.writeBytes(header(MDAT_HEADER + mdatPayload, "mdat"));
        for (ItemLocation.Extent range : fileRanges.ranges()) {
            out.write(in, range.offset(), range.length());
        }
        for (HeifItem item : heif.items()) {
            byte[] data = replaced.get(item.id());
            if (data != null) {
                out.writeBytes(data);
            }
        }
        out.writeBytes(xmp);
        return out.result();
    }

    /** The new meta box, its iloc pointing at an mdat payload that starts at {@code mdatData}. */
    private byte[] meta(long mdatData) {
        ByteArrayOutputStream children = new ByteArrayOutputStream();
        boolean idatWritten = false;
        for (HeifBox child : heif.metaChildren()) {
            switch (child.type()) {
                case "iinf" -> children.writeBytes(iinf());
                case "iloc" -> {
                    children.writeBytes(iloc(mdatData));
                    if (!heif.metaChildren().stream().anyMatch(box -> box.type().equals("iref"))) {
                        children.writeBytes(iref());
                    }
                }
                case "iref" -> children.writeBytes(iref());
                case "iprp" -> children.writeBytes(iprp(child));
                case "idat" -> {
                    children.writeBytes(idat());
                    idatWritten = true;
                }
                case "free", "skip" -> {
                }
                default -> children.write(in, child.start(), child.end() - child.start());
            }
        }
        if (!idatWritten && idatRanges.total() > 0) {
            children.writeBytes(idat());
        }
        return fullBox("meta", 0, 0, children.toByteArray());
    }

    private byte[] iinf() {
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        for (HeifItem item : heif.items()) {
            if (!removed.contains(item.id())) {
                entries.write(in, item.infe().start(), item.infe().end() - item.infe().start());
            }
        }
        entries.writeBytes(xmpInfe());
        int count = keptIds.size();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        if (count > 0xFFFF) {
            writeU32(payload, count);
        } else {
            writeU16(payload, count);
        }
        payload.writeBytes(entries.toByteArray());
        return fullBox("iinf", count > 0xFFFF ? 1 : 0, 0, payload.toByteArray());
    }

    private byte[] xmpInfe() {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        writeId(payload, xmpId, xmpId > 0xFFFF);
        writeU16(payload, 0); // not protected
        payload.writeBytes("mime".getBytes(StandardCharsets.ISO_8859_1));
        payload.writeBytes("XMP\0".getBytes(StandardCharsets.ISO_8859_1));
        payload.writeBytes((HeifItem.XMP_CONTENT_TYPE + "\0").getBytes(StandardCharsets.ISO_8859_1));
        return fullBox("infe", xmpId > 0xFFFF ? 3 : 2, 0, payload.toByteArray());
    }

    /** Offsets and lengths of 4 bytes, no base offset, no extent index: the sizes no longer depend on the values. */
    private byte[] iloc(long mdatData) {
        boolean wide = wideIds();
        boolean idat = heif.locations().values().stream().anyMatch(location -> location.inIdat()
                && !removed.contains(location.itemId()) && !replaced.containsKey(location.itemId()));
        int version = wide ? 2 : idat ? 1 : 0;
        long replacedAt = mdatData + fileRanges.total();
        Map<Long, Long> replacedOffsets = new LinkedHashMap<>();
        for (HeifItem item : heif.items()) {
            byte[] data = replaced.get(item.id());
            if (data != null) {
                replacedOffsets.put(item.id(), replacedAt);
                replacedAt += data.length;
            }
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(0x44); // offset_size 4, length_size 4
        payload.write(0x00); // base_offset_size 0, index_size 0
        int count = 0;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (ItemLocation location : heif.locations().values()) {
            long id = location.itemId();
            if (removed.contains(id)) {
                continue;
            }
            count++;
            byte[] data = replaced.get(id);
            if (data != null) {
                ilocEntry(body, version, id, false, new long[] {replacedOffsets.get(id)}, new long[] {data.length});
                continue;
            }
            ByteRanges ranges = location.inIdat() ? idatRanges : fileRanges;
            long base = location.inIdat() ? 0 : mdatData;
            long[] offsets = new long[location.extents().size()];
            long[] lengths = new long[offsets.length];
            for (int i = 0; i < offsets.length; i++) {
                ItemLocation.Extent extent = location.extents().get(i);
                offsets[i] = base + ranges.target(extent.offset());
                lengths[i] = extent.length();
            }
            ilocEntry(body, version, id, location.inIdat(), offsets, lengths);
        }
        count++;
        ilocEntry(body, version, xmpId, false, new long[] {replacedAt}, new long[] {xmp.length});
        if (version == 2) {
            writeU32(payload, count);
        } else {
            if (count > 0xFFFF) {
                throw error(heif.meta().start(), "expected at most 65535 located items, found " + count);
            }
            writeU16(payload, count);
        }
        payload.writeBytes(body.toByteArray());
        return fullBox("iloc", version, 0, payload.toByteArray());
    }

    private void ilocEntry(ByteArrayOutputStream out, int version, long id, boolean inIdat, long[] offsets,
                           long[] lengths) {
        writeId(out, id, version == 2);
        if (version != 0) {
            writeU16(out, inIdat ? 1 : 0);
        }
        writeU16(out, 0); // data reference: this file
        writeU16(out, offsets.length);
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] > 0xFFFFFFFFL || lengths[i] > 0xFFFFFFFFL) {
                throw error(heif.meta().start(), "expected item offsets below 4 GB, found " + offsets[i]);
            }
            writeU32(out, offsets[i]);
            writeU32(out, lengths[i]);
        }
    }

    private byte[] iref() {
        boolean wide = wideIds();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (ItemReference reference : heif.references()) {
            if (removed.contains(reference.fromId())) {
                continue;
            }
            List<Long> to = reference.toIds().stream().filter(id -> !removed.contains(id)).toList();
            if (!to.isEmpty()) {
                payload.writeBytes(reference(reference.type(), reference.fromId(), to, wide));
            }
        }
        payload.writeBytes(reference("cdsc", xmpId, List.of(heif.primaryId()), wide));
        return fullBox("iref", wide ? 1 : 0, 0, payload.toByteArray());
    }

    private static byte[] reference(String type, long from, List<Long> to, boolean wide) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        writeId(payload, from, wide);
        writeU16(payload, to.size());
        for (long id : to) {
            writeId(payload, id, wide);
        }
        return box(type, payload.toByteArray());
    }

    /** The property container as it was; each ipma without the removed items' entries. */
    private byte[] iprp(HeifBox iprp) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (HeifBox child : new BoxCursor(in, heif.format(), iprp.dataStart(), iprp.end()).boxes()) {
            if (!child.type().equals("ipma")) {
                payload.write(in, child.start(), child.end() - child.start());
                continue;
            }
            ByteArrayOutputStream entries = new ByteArrayOutputStream();
            int count = 0;
            for (PropertyAssociation association : heif.associations()) {
                if (association.ipma().equals(child) && !removed.contains(association.itemId())) {
                    entries.write(in, association.start(), association.end() - association.start());
                    count++;
                }
            }
            ByteArrayOutputStream ipma = new ByteArrayOutputStream();
            ipma.write(in, child.dataStart(), 4); // version and flags
            writeU32(ipma, count);
            ipma.writeBytes(entries.toByteArray());
            payload.writeBytes(box("ipma", ipma.toByteArray()));
        }
        return box("iprp", payload.toByteArray());
    }

    private byte[] idat() {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        int base = heif.idat() == null ? 0 : heif.idat().dataStart();
        for (ItemLocation.Extent range : idatRanges.ranges()) {
            payload.write(in, base + range.offset(), range.length());
        }
        return box("idat", payload.toByteArray());
    }

    private boolean wideIds() {
        return keptIds.stream().anyMatch(id -> id > 0xFFFF);
    }

    /** A box as it was, except that a size of 0 ("to the end of the file") becomes its actual size. */
    private void copyBox(HeifBox box, ByteArrayOutputStream out) {
        boolean toTheEnd = in[box.start()] == 0 && in[box.start() + 1] == 0 && in[box.start() + 2] == 0
                && in[box.start() + 3] == 0;
        if (toTheEnd) {
            out.writeBytes(header(box.end() - box.start(), new String(in, box.start() + 4, 4,
                    StandardCharsets.ISO_8859_1)));
            out.write(in, box.dataStart(), box.end() - box.dataStart());
            return;
        }
        out.write(in, box.start(), box.end() - box.start());
    }

    private static byte[] header(long size, String type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8);
        writeU32(out, size);
        out.writeBytes(type.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    static byte[] box(String type, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 + payload.length);
        out.writeBytes(header(8L + payload.length, type));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] fullBox(String type, int version, int flags, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4 + payload.length);
        writeU32(out, (long) version << 24 | flags);
        out.writeBytes(payload);
        return box(type, out.toByteArray());
    }

    private static void writeId(ByteArrayOutputStream out, long id, boolean wide) {
        if (wide) {
            writeU32(out, id);
        } else {
            writeU16(out, (int) id);
        }
    }

    private static void writeU16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void writeU32(ByteArrayOutputStream out, long value) {
        out.write((int) (value >>> 24));
        out.write((int) (value >>> 16));
        out.write((int) (value >>> 8));
        out.write((int) value);
    }

    private ImageFormatException error(long offset, String problem) {
        return new ImageFormatException(heif.format(), offset, problem);
    }
}
