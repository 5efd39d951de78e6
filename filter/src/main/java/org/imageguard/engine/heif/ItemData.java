package org.imageguard.engine.heif;

import java.io.ByteArrayOutputStream;

/** The bytes of one item: its extents concatenated, from the file or from the {@code idat} payload. */
final class ItemData {

    private ItemData() {
    }

    static byte[] of(byte[] in, HeifFile heif, ItemLocation location) {
        int base = location.inIdat() ? heif.idat().dataStart() : 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ItemLocation.Extent extent : location.extents()) {
            out.write(in, base + extent.offset(), extent.length());
        }
        return out.toByteArray();
    }

    /** The data of the item, or null when it has no {@code iloc} entry. */
    static byte[] of(byte[] in, HeifFile heif, HeifItem item) {
        ItemLocation location = heif.locations().get(item.id());
        return location == null ? null : of(in, heif, location);
    }
}
