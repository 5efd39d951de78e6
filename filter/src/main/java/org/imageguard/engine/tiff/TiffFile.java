package org.imageguard.engine.tiff;

import java.nio.ByteOrder;
import java.util.List;

/**
 * A parsed TIFF: byte order, classic or BigTIFF, and its chain of image directories (pages) in file order.
 *
 * @param big BigTIFF (version 43: 8-byte offsets and counts)
 */
record TiffFile(ByteOrder order, boolean big, List<TiffDirectory> pages) {

    TiffFile {
        pages = List.copyOf(pages);
    }
}
