package org.imageguard.engine.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;

/**
 * Reads a TIFF's structure, bounded and validated: the header (II or MM, classic 42 or BigTIFF 43), the chain of
 * image directories, and any sub-directory on request. Every offset and length is checked against the file, the
 * chain against loops and a page limit, each directory against an entry limit. Errors name what was expected and
 * found, with the offset.
 *
 * <pre>{@code
 * TiffFile tiff = TiffReader.read(bytes);       // ImageFormatException for anything malformed
 * TiffDirectory exif = TiffReader.directory(bytes, tiff, offset);
 * }</pre>
 */
final class TiffReader {

    /** More pages than any real document has; a longer chain is hostile. */
    static final int MAX_PAGES = 4096;
    /** More entries than the tag space TIFF and EXIF use. */
    static final int MAX_ENTRIES = 4096;

    private TiffReader() {
    }

    static TiffFile read(byte[] in) {
        if (in.length < 8) {
            throw error(0, "expected a TIFF header of 8 bytes, found " + in.length);
        }
        ByteOrder order;
        if (in[0] == 'I' && in[1] == 'I') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (in[0] == 'M' && in[1] == 'M') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw error(0, "expected byte order II or MM, found 0x"
                    + Integer.toHexString(u16(in, 0, ByteOrder.BIG_ENDIAN)));
        }
        int version = u16(in, 2, order);
        boolean big;
        long first;
        if (version == 42) {
            big = false;
            first = u32(in, 4, order);
        } else if (version == 43) {
            big = true;
            if (in.length < 16 || u16(in, 4, order) != 8 || u16(in, 6, order) != 0) {
                throw error(4, "expected BigTIFF offset size 8 and 0 padding");
            }
            first = u64(in, 8, order);
        } else {
            throw error(2, "expected version 42 (TIFF) or 43 (BigTIFF), found " + version);
        }
        List<TiffDirectory> pages = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long next = first;
        while (next != 0) {
            if (!seen.add(next)) {
                throw error(next, "expected a chain of directories, found a loop back to offset " + next);
            }
            if (pages.size() == MAX_PAGES) {
                throw error(next, "expected at most " + MAX_PAGES + " pages, found more");
            }
            Parsed parsed = directory(in, order, big, next);
            pages.add(parsed.directory());
            next = parsed.next();
        }
        if (pages.isEmpty()) {
            throw error(big ? 8 : 4, "expected an offset to the first directory, found 0");
        }
        return new TiffFile(order, big, pages);
    }

    /** A sub-directory (Exif, GPS, Interoperability) at {@code offset}; its next-directory link is ignored. */
    static TiffDirectory directory(byte[] in, TiffFile tiff, long offset) {
        return directory(in, tiff.order(), tiff.big(), offset).directory();
    }

    private record Parsed(TiffDirectory directory, long next) {
    }

    private static Parsed directory(byte[] in, ByteOrder order, boolean big, long offset) {
        int countSize = big ? 8 : 2;
        int entrySize = big ? 20 : 12;
        int linkSize = big ? 8 : 4;
        requireRange(in, offset, countSize, "directory entry count");
        long entries = big ? u64(in, (int) offset, order) : u16(in, (int) offset, order);
        if (entries > MAX_ENTRIES) {
            throw error(offset, "expected at most " + MAX_ENTRIES + " directory entries, found " + entries);
        }
        long start = offset + countSize;
        requireRange(in, start, entries * entrySize + linkSize, "directory of " + entries + " entries");
        List<TiffEntry> list = new ArrayList<>();
        Set<Integer> tags = new HashSet<>();
        for (int i = 0; i < entries; i++) {
            int at = (int) (start + (long) i * entrySize);
            TiffEntry entry = entry(in, order, big, at);
            if (!tags.add(entry.tag())) {
                // Readers disagree on which copy of a repeated tag wins, so no copy is trusted.
                throw error(at, "expected each tag once per directory, found tag " + entry.tag() + " twice");
            }
            list.add(entry);
        }
        // Written sorted, as TIFF requires; some writers do not, and readers cope.
        list.sort(java.util.Comparator.comparingInt(TiffEntry::tag));
        int linkAt = (int) (start + entries * entrySize);
        long next = big ? u64(in, linkAt, order) : u32(in, linkAt, order);
        return new Parsed(new TiffDirectory(offset, list), next);
    }

    private static TiffEntry entry(byte[] in, ByteOrder order, boolean big, int at) {
        int tag = u16(in, at, order);
        int type = u16(in, at + 2, order);
        long count = big ? u64(in, at + 4, order) : u32(in, at + 4, order);
        int size = TiffEntry.typeSize(type);
        if (size == 0) {
            throw error(at + 2, "expected a TIFF field type (1-13, 16-18) for tag " + tag + ", found " + type);
        }
        if (count < 0 || count > in.length / size) {
            throw error(at + 4, "expected a count that fits in the file for tag " + tag + ", found " + count);
        }
        int length = (int) (count * size);
        int inline = big ? 8 : 4;
        int valueField = at + (big ? 12 : 8);
        long valueAt = length <= inline ? valueField
                : big ? u64(in, valueField, order) : u32(in, valueField, order);
        requireRange(in, valueAt, length, "value of tag " + tag);
        byte[] value = new byte[length];
        System.arraycopy(in, (int) valueAt, value, 0, length);
        return new TiffEntry(tag, type, count, value);
    }

    static void requireRange(byte[] in, long offset, long length, String what) {
        if (offset < 0 || length < 0 || offset > in.length || length > in.length - offset) {
            throw error(offset, "expected the " + what + " (" + length + " bytes) inside the file of " + in.length
                    + " bytes");
        }
    }

    private static int u16(byte[] in, int at, ByteOrder order) {
        return ByteBuffer.wrap(in, at, 2).order(order).getShort() & 0xFFFF;
    }

    private static long u32(byte[] in, int at, ByteOrder order) {
        return ByteBuffer.wrap(in, at, 4).order(order).getInt() & 0xFFFFFFFFL;
    }

    private static long u64(byte[] in, int at, ByteOrder order) {
        long value = ByteBuffer.wrap(in, at, 8).order(order).getLong();
        if (value < 0) {
            throw error(at, "expected an offset below 2^63, found " + Long.toUnsignedString(value));
        }
        return value;
    }

    static ImageFormatException error(long offset, String problem) {
        return new ImageFormatException(ImageFormat.TIFF, offset, problem);
    }
}
