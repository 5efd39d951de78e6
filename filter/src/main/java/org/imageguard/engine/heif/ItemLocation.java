package org.imageguard.engine.heif;

import java.util.List;

/**
 * Where an item's data lies ({@code iloc}), resolved: base offsets added, lengths of 0 ("the rest") made explicit.
 *
 * @param inIdat  true for construction method 1: extents are offsets into the {@code idat} payload, else into the
 *                file
 * @param extents the item's data is their concatenation
 */
record ItemLocation(long itemId, boolean inIdat, List<Extent> extents) {

    ItemLocation {
        extents = List.copyOf(extents);
    }

    /** A byte range in the file or in the {@code idat} payload. */
    record Extent(int offset, int length) {
        int end() {
            return offset + length;
        }
    }
}
