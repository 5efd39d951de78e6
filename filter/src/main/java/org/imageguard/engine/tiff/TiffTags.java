package org.imageguard.engine.tiff;

import java.util.Set;

/**
 * The tags a TIFF rewrite treats specially. Structure and colour tags are what a reader needs to decode the pixels
 * as they were (dimensions, sample layout, compression, photometric interpretation, sample format, colour map,
 * ICC profile, YCbCr, tiling and strips, page numbering): always kept, whatever {@code strip} says. Everything else
 * in a page directory goes through the EXIF whitelist.
 */
final class TiffTags {

    static final int IMAGE_WIDTH = 256;
    static final int IMAGE_LENGTH = 257;
    static final int STRIP_OFFSETS = 273;
    static final int STRIP_BYTE_COUNTS = 279;
    static final int TILE_OFFSETS = 324;
    static final int TILE_BYTE_COUNTS = 325;
    static final int SUB_IFDS = 330;
    static final int JPEG_INTERCHANGE_FORMAT = 513;
    static final int XMP = 700;
    static final int IPTC = 33723;
    static final int PHOTOSHOP = 34377;
    static final int ICC_PROFILE = 34675;
    static final int EXIF_IFD = 34665;
    static final int GPS_IFD = 34853;
    static final int INTEROP_IFD = 40965;

    /** Needed to decode and show the pixels; copied byte for byte (offsets and counts are rebuilt). */
    static final Set<Integer> STRUCTURE = Set.of(254, 255, IMAGE_WIDTH, IMAGE_LENGTH, 258, 259, 262, 263, 264, 265,
            266, 274, 277, 278, 280, 281, 282, 283, 284, 286, 287, 290, 291, 292, 293, 296, 297, 301, 317, 318, 319,
            320, 321, 322, 323, 332, 334, 336, 338, 339, 340, 341, 342, 347, 529, 530, 531, 532, ICC_PROFILE);

    /** Where the pixels are: rewritten to the data's new place. */
    static final Set<Integer> DATA_OFFSETS = Set.of(STRIP_OFFSETS, STRIP_BYTE_COUNTS, TILE_OFFSETS, TILE_BYTE_COUNTS);

    /**
     * Offsets into the file that ImageGuard does not follow: a file holding them is refused, not half-copied. SubIFDs,
     * and old-style JPEG's stream (513, 514) and tables (JPEGQTables, JPEGDCTables, JPEGACTables: 519-521).
     */
    static final Set<Integer> UNFOLLOWED_POINTERS = Set.of(SUB_IFDS, JPEG_INTERCHANGE_FORMAT, 514, 519, 520, 521);

    /** Free space (FreeOffsets, FreeByteCounts): meaningless once the file is rebuilt. */
    static final Set<Integer> FREE_SPACE = Set.of(288, 289);

    private TiffTags() {
    }
}
