package org.imageguard.engine.heif;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The union of the byte ranges the kept items use, laid out back to back: what the rewritten file copies, so the
 * bytes no kept item points to (a removed Exif, an old XMP, unreferenced leftovers) do not reach the output.
 * Overlapping or shared extents stay shared.
 */
final class ByteRanges {

    private final List<ItemLocation.Extent> merged = new ArrayList<>();
    private final List<Long> targets = new ArrayList<>();
    private long total;

    ByteRanges(List<ItemLocation.Extent> extents) {
        List<ItemLocation.Extent> sorted = new ArrayList<>(extents);
        sorted.sort(Comparator.comparingInt(ItemLocation.Extent::offset));
        for (ItemLocation.Extent extent : sorted) {
            if (extent.length() == 0) {
                continue;
            }
            int last = merged.size() - 1;
            if (last >= 0 && extent.offset() <= merged.get(last).end()) {
                ItemLocation.Extent previous = merged.get(last);
                int end = Math.max(previous.end(), extent.end());
                merged.set(last, new ItemLocation.Extent(previous.offset(), end - previous.offset()));
            } else {
                merged.add(extent);
            }
        }
        for (ItemLocation.Extent range : merged) {
            targets.add(total);
            total += range.length();
        }
    }

    List<ItemLocation.Extent> ranges() {
        return merged;
    }

    /** The number of bytes copied. */
    long total() {
        return total;
    }

    /** Where {@code offset} (inside some kept extent) lies in the copied bytes. */
    long target(int offset) {
        int low = 0;
        int high = merged.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            ItemLocation.Extent range = merged.get(middle);
            if (offset < range.offset()) {
                high = middle - 1;
            } else if (offset > range.end()) {
                low = middle + 1;
            } else {
                return targets.get(middle) + (offset - range.offset());
            }
        }
        return 0; // an empty extent outside every range: its offset does not matter
    }
}
