package org.imageguard.engine.tiff;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

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
    private final Growable out;
    /** Where the pending link (header's first offset, or a directory's next) is written. */
    private int pendingLink;

    TiffWriter(ByteOrder order, boolean big, int expectedSize) {
        this.order = order;
        this.big = big;
        this.out = new Growable(expectedSize);
        byte mark = order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M';
        out.writeBytes(new byte[] {mark, mark});
        out.writeBytes(number(2, big ? 43 : 42));
        if (big) {
            out.writeBytes(number(2, 8));
            out.writeBytes(number(2, 0));
        }
        pendingLink = out.size();
        out.writeBytes(new byte[linkSize()]);
    }

    /** Copies bytes (pixel data) in, word-aligned; returns where they start. */
    long append(byte[] data, int offset, int length) {
        align();
        long at = out.size();
        out.write(data, offset, length);
        return at;
    }

    /**
     * Writes a page's directory (entries sorted by tag, large values first) and links it into the chain: the header
     * or the previous page points here, and this page's next link is the one the following page patches.
     *
     * @return the directory's offset
     */
    long page(List<TiffEntry> entries) {
        long at = directory(entries);
        out.patch(pendingLink, number(linkSize(), at));
        pendingLink = out.size() - linkSize();
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
                valueAt[i] = out.size();
                out.writeBytes(e.value());
            }
        }
        align();
        long at = out.size();
        out.writeBytes(number(big ? 8 : 2, entries.size()));
        for (int i = 0; i < entries.size(); i++) {
            TiffEntry e = entries.get(i);
            out.writeBytes(number(2, e.tag()));
            out.writeBytes(number(2, e.type()));
            out.writeBytes(number(big ? 8 : 4, e.count()));
            if (e.value().length > inline) {
                out.writeBytes(number(inline, valueAt[i]));
            } else {
                byte[] field = new byte[inline];
                System.arraycopy(e.value(), 0, field, 0, e.value().length);
                out.writeBytes(field);
            }
        }
        out.writeBytes(new byte[linkSize()]);
        requireAddressable();
        return at;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private int linkSize() {
        return big ? 8 : 4;
    }

    private void align() {
        if (out.size() % 2 != 0) {
            out.writeBytes(new byte[1]);
        }
    }

    private void requireAddressable() {
        if (!big && out.size() > 0xFFFFFFFFL) {
            throw TiffReader.error(out.size(), "expected a classic TIFF below 4 GB, found it would grow past");
        }
    }

    private byte[] number(int size, long value) {
        ByteBuffer b = ByteBuffer.allocate(size).order(order);
        switch (size) {
            case 2 -> b.putShort((short) value);
            case 4 -> b.putInt((int) value);
            default -> b.putLong(value);
        }
        return b.array();
    }

    /** A byte buffer that can patch what it already holds. */
    private static final class Growable extends ByteArrayOutputStream {
        Growable(int size) {
            super(Math.max(size, 64));
        }

        void patch(int at, byte[] bytes) {
            System.arraycopy(bytes, 0, buf, at, bytes.length);
        }
    }
}
