package org.imageguard.engine.tiff;

import java.util.List;

/** One image file directory: where it was and its entries, in file order. */
record TiffDirectory(long offset, List<TiffEntry> entries) {

    TiffDirectory {
        entries = List.copyOf(entries);
    }

    /** The entry for {@code tag}, or null. */
    TiffEntry get(int tag) {
        for (TiffEntry entry : entries) {
            if (entry.tag() == tag) {
                return entry;
            }
        }
        return null;
    }
}
