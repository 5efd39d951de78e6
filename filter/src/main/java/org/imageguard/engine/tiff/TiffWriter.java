package org.imageguard.engine.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.imageguard.engine.io.ExactOutput;

/**
 * Writes a TIFF front to back: the header, then for each directory its out-of-line values and entries, with offsets
 * known at the time of writing (whatever a directory points to — pixel data, sub-directories — is written before
 * it). Values start on even offsets, as TIFF asks. The next-directory links and the header's first offset are
 * patched once the following directory is placed.
 *
 * <pre>{@code
 * TiffWriter out = new TiffWriter(order, big);
 * long at = out.append(bytes, offset, length);   // a strip or tile
 * long exif = out.subDirectory(exifEntries);
 * out.page(pageEntries);                          // sorted by tag; the header or previous page points here
 * byte[] file = out.toByteArray();
 * }</pre>
 */
final class TiffWriter {

    private final ByteOrder order;
    private final boolean big;
    /** Null when measuring. */
    private final ExactOutput out;
    private long size;
    /** Where the pending link (header's first offset, or a directory's next) is written. */
    private long pendingLink;

    private TiffWriter(ByteOrder order, boolean big, ExactOutput out) {
        this.order = order;
        this.big = big;
        this.out = out;
        byte mark = order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M';
        write(new byte[] {mark, mark});
        write(number(2, big ? 43 : 42));
        if (big) {
            write(number(2, 8));
            write(number(2, 0));
        }
        pendingLink = size;
        write(new byte[linkSize()]);
    }

    /** A writer that writes nothing: what it is given only advances {@link #size}. */
    static TiffWriter measuring(ByteOrder order, boolean big) {
        return new TiffWriter(order, big, null);
    }

    /** A writer into {@code out}, sized by a measuring run over the same calls. */
    static TiffWriter into(ByteOrder order, boolean big, ExactOutput out) {
        return new TiffWriter(order, big, out);
    }

    /** Copies bytes (pixel data) in, word-aligned; returns where they start. */
    long append(byte[] data, int offset, int length) {
        align();
        long at = size;
        write(data, offset, length);
        return at;
    }

    /** Bytes written (or, measuring, that would have been). */
    long size() {
        return size;
    }

    /**
     * Writes a page's directory (entries sorted by tag, large values first) and links it into the chain: the header
     * or the previous page points here, and this page's next link is the one the following page patches.
     *
     * @return the directory's offset
     */
    long page(List<TiffEntry> entries) {
        long at = directory(entries);
        if (out != null) {
            out.patch((int) pendingLink, number(linkSize(), at));
        }
        pendingLink = size - linkSize();
        return at;
    }

    /** Writes a sub-directory (Exif, Interoperability, GPS): next link 0, outside the page chain. */
    long subDirectory(List<TiffEntry> entries) {
        return directory(entries);
    }

    private long directory(List<TiffEntry> entries) {
        int inline = big ? 8 : 4;
        long[] valueAt = new long[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            TiffEntry e = entries.get(i);
            if (e.value().length > inline) {
                align();
                valueAt[i] = size;
                write(e.value());
            }
        }
        align();
        long at = size;
        write(number(big ? 8 : 2, entries.size()));
        for (int i = 0; i < entries.size(); i++) {
            TiffEntry e = entries.get(i);
            write(number(2, e.tag()));
            write(number(2, e.type()));
            write(number(big ? 8 : 4, e.count()));
            if (e.value().length > inline) {
                write(number(inline, valueAt[i]));
            } else {
                byte[] field = new byte[inline];
                System.arraycopy(e.value(), 0, field, 0, e.value().length);
                write(field);
            }
        }
        write(new byte[linkSize()]);
        requireAddressable();
        return at;
    }

    private void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    private void write(byte[] data, int offset, int length) {
        if (out != null) {
            out.write(data, offset, length);
        }
        size += length;
    }

    private int linkSize() {
        return big ? 8 : 4;
    }

    private void align() {
        if (size % 2 != 0) {
            write(new byte[1]);
        }
    }

    private void requireAddressable() {
        if (!big && size > 0xFFFFFFFFL) {
            throw TiffReader.error(size, "expected a classic TIFF below 4 GB, found it would grow past");
        }
    }

    private byte[] number(int width, long value) {
        ByteBuffer b = ByteBuffer.allocate(width).order(order);
        switch (width) {
            case 2 -> b.putShort((short) value);
            case 4 -> b.putInt((int) value);
            default -> b.putLong(value);
        }
        return b.array();
    }
}
