package org.imageguard.engine;

import java.util.Set;

/**
 * Looks into a TIFF's first directory for the tags that point at image data of its own by absolute offsets (SubIFDs,
 * tag 330; an old-style JPEG stream or its tables, tags 513, 514, 519-521): such files are told apart as
 * {@link ImageFormat#TIFF_SUBIMAGES}. Only the entry
 * tags are read, within the bytes given; a directory that starts or runs beyond them reads as a plain TIFF, and the
 * TIFF parser judges it.
 */
final class TiffSniffer {

    private static final Set<Integer> POINTERS = Set.of(330, 513, 514, 519, 520, 521);
    /** More entries than any real directory holds; the parser refuses the rest. */
    private static final int MAX_ENTRIES = 4096;

    private TiffSniffer() {
    }

    /** The header is known to be a classic or BigTIFF one (checked by {@link ImageFormat#sniff}). */
    static boolean firstDirectoryPointsAtSubimages(byte[] data, int length) {
        boolean little = data[0] == 'I';
        boolean big = unsigned(data, 2, 2, little) == 43;
        if (length < (big ? 16 : 8)) {
            return false;
        }
        long directory = big ? unsigned(data, 8, 8, little) : unsigned(data, 4, 4, little);
        int countSize = big ? 8 : 2;
        int entrySize = big ? 20 : 12;
        if (directory < 8 || directory > length - countSize) {
            return false;
        }
        long entries = Math.min(unsigned(data, (int) directory, countSize, little), MAX_ENTRIES);
        for (long i = 0; i < entries; i++) {
            long entry = directory + countSize + i * entrySize;
            if (entry + 2 > length) {
                return false;
            }
            int tag = (int) unsigned(data, (int) entry, 2, little);
            if (POINTERS.contains(tag)) {
                return true;
            }
        }
        return false;
    }

    /** An unsigned integer of 2, 4 or 8 bytes (an 8-byte one beyond 2^63 reads negative, which callers refuse). */
    private static long unsigned(byte[] data, int at, int size, boolean little) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            int b = data[at + (little ? size - 1 - i : i)] & 0xFF;
            value = value << 8 | b;
        }
        return value;
    }
}
