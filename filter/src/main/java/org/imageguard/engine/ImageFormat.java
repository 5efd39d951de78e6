package org.imageguard.engine;

/**
 * Image formats told apart by their magic bytes: the Content-Type an origin sends may lie.
 *
 * <pre>{@code
 * ImageFormat format = ImageFormat.sniff(body); // JPEG, PNG, ... or UNKNOWN
 * }</pre>
 */
public enum ImageFormat {
    JPEG("image/jpeg", true),
    PNG("image/png", true),
    GIF("image/gif", true),
    WEBP("image/webp", true),
    SVG("image/svg+xml", true),
    /** Still AVIF images (grids, alpha and thumbnails included). */
    AVIF("image/avif", true),
    /** Still HEIF images (HEIC). */
    HEIF("image/heif", true),
    /**
     * Animated AVIF ({@code avis} brand, or a {@code moov} box): its tracks address the media data by absolute chunk
     * offsets ({@code stco}/{@code co64}) that ImageGuard does not rewrite, so it cannot protect it.
     */
    AVIF_SEQUENCE("image/avif", false),
    /** A HEIF image sequence ({@code msf1}/{@code hevc} brand, or a {@code moov} box): as {@link #AVIF_SEQUENCE}. */
    HEIF_SEQUENCE("image/heif", false),
    TIFF("image/tiff", true),
    /**
     * A TIFF whose first directory points at image data of its own by absolute offsets ImageGuard does not rewrite:
     * SubIFDs (tag 330: a DNG's raw image, a NEF's full-size preview) or an old-style JPEG stream and its tables
     * (tags 513, 514, 519-521).
     */
    TIFF_SUBIMAGES("image/tiff", false),
    /** JPEG XL in its ISOBMFF container: metadata boxes can be rewritten. */
    JXL("image/jxl", true),
    /** A bare JPEG XL codestream: no box to hold XMP, so ImageGuard cannot protect it. */
    JXL_CODESTREAM("image/jxl", false),
    UNKNOWN("application/octet-stream", false);

    /**
     * The bytes a caller needs for every magic: 12 show an ISOBMFF major brand (AVIF, HEIF) and the JPEG XL container
     * signature; 16 leave room for them all. Compatible brands come later, so a body cut this short may read as HEIF
     * where the whole file is AVIF: either is an image worth buffering, and the whole body has the last word.
     */
    public static final int MAGIC_BYTES = 16;

    /** Enough top-level boxes for any real HEIF file (ftyp, meta, moov, mdat, free...), few enough to cost nothing. */
    private static final int MAX_TOP_LEVEL_BOXES = 64;

    private final String mediaType;
    private final boolean rewritable;

    ImageFormat(String mediaType, boolean rewritable) {
        this.mediaType = mediaType;
        this.rewritable = rewritable;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Whether ImageGuard can embed its metadata in this format; the others pass through untouched. */
    public boolean rewritable() {
        return rewritable;
    }

    /** Tells the format from the first bytes of a body (at least 12 are needed for WebP and AVIF). */
    public static ImageFormat sniff(byte[] data) {
        return sniff(data, data.length);
    }

    /** As {@link #sniff(byte[])}, looking only at the first {@code length} bytes. */
    public static ImageFormat sniff(byte[] data, int length) {
        if (startsWith(data, length, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(data, length, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(data, length, 0, 'G', 'I', 'F', '8') && length >= 6
                && (data[4] == '7' || data[4] == '9') && data[5] == 'a') {
            return GIF;
        }
        if (startsWith(data, length, 0, 'R', 'I', 'F', 'F') && startsWith(data, length, 8, 'W', 'E', 'B', 'P')) {
            return WEBP;
        }
        if (startsWith(data, length, 4, 'f', 't', 'y', 'p')) {
            ImageFormat heif = heifFamily(data, length);
            if (heif != null) {
                return heif;
            }
        }
        if (startsWith(data, length, 0, 'I', 'I', 42, 0) || startsWith(data, length, 0, 'M', 'M', 0, 42)
                || startsWith(data, length, 0, 'I', 'I', 43, 0, 8, 0, 0, 0)
                || startsWith(data, length, 0, 'M', 'M', 0, 43, 0, 8, 0, 0)) {
            // Classic, then BigTIFF (version 43, 8-byte offsets).
            return TiffSniffer.firstDirectoryPointsAtSubimages(data, length) ? TIFF_SUBIMAGES : TIFF;
        }
        if (startsWith(data, length, 0, 0, 0, 0, 0x0C, 'J', 'X', 'L', ' ', 0x0D, 0x0A, 0x87, 0x0A)) {
            return JXL;
        }
        if (startsWith(data, length, 0, 0xFF, 0x0A)) {
            return JXL_CODESTREAM;
        }
        if (SvgSniffer.looksLikeSvg(data, length)) {
            return SVG;
        }
        return UNKNOWN;
    }

    /**
     * AVIF or HEIF from an ISOBMFF {@code ftyp} box: the major brand, then the compatible brands (a file of major
     * brand {@code mif1} whose compatible brands name {@code avif} is AVIF). Null for other ISOBMFF files (MP4...).
     */
    private static ImageFormat heifFamily(byte[] data, int length) {
        long boxSize = uint32(data, 0);
        int end = (int) Math.min(Math.min(boxSize, length), 4096);
        boolean heif = false;
        boolean avif = false;
        for (int at = 8; at + 4 <= end; at += at == 8 ? 8 : 4) { // major brand, minor version skipped, compatibles
            avif |= brand(data, at, "avif") || brand(data, at, "avis");
            heif |= brand(data, at, "heic") || brand(data, at, "heix") || brand(data, at, "heim")
                    || brand(data, at, "heis") || brand(data, at, "hevc") || brand(data, at, "hevx")
                    || brand(data, at, "mif1") || brand(data, at, "msf1") || brand(data, at, "miaf");
        }
        if (!avif && !heif) {
            return null;
        }
        boolean sequence = length >= 12 && (brand(data, 8, "avis") || brand(data, 8, "msf1")
                || brand(data, 8, "hevc") || brand(data, 8, "hevx") || hasTopLevelBox(data, length, "moov"));
        if (avif) {
            return sequence ? AVIF_SEQUENCE : AVIF;
        }
        return sequence ? HEIF_SEQUENCE : HEIF;
    }

    /**
     * Whether a top-level ISOBMFF box of this type starts within the first {@code length} bytes. Only box headers are
     * read, at most {@link #MAX_TOP_LEVEL_BOXES} of them; a malformed size ends the walk (the parser reports it).
     */
    private static boolean hasTopLevelBox(byte[] data, int length, String type) {
        long at = 0;
        for (int boxes = 0; boxes < MAX_TOP_LEVEL_BOXES && at + 8 <= length; boxes++) {
            int start = (int) at;
            if (brand(data, start + 4, type)) {
                return true;
            }
            long size = uint32(data, start);
            if (size == 1 && start + 16 <= length) {
                size = uint32(data, start + 8) << 32 | uint32(data, start + 12);
            }
            if (size < 8 || size > length - at) {
                return false; // 0 runs to the end of the file, or the box ends beyond the bytes given, or corrupt
            }
            at += size;
        }
        return false;
    }

    private static long uint32(byte[] data, int at) {
        return (data[at] & 0xFFL) << 24 | (data[at + 1] & 0xFF) << 16 | (data[at + 2] & 0xFF) << 8 | data[at + 3] & 0xFF;
    }

    private static boolean brand(byte[] data, int at, String brand) {
        for (int i = 0; i < 4; i++) {
            if (data[at + i] != brand.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] data, int length, int offset, int... magic) {
        if (length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((data[offset + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
