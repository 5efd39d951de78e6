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
    /** Still AVIF images; image sequences are refused. */
    AVIF("image/avif", true),
    /** Still HEIF images (HEIC); image sequences are refused. */
    HEIF("image/heif", true),
    TIFF("image/tiff", true),
    /** JPEG XL in its ISOBMFF container: metadata boxes can be rewritten. */
    JXL("image/jxl", true),
    /** A bare JPEG XL codestream: no box to hold XMP, so ImageGuard cannot protect it. */
    JXL_CODESTREAM("image/jxl", false),
    UNKNOWN("application/octet-stream", false);

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

    /**
     * How many first bytes of a body a peek hands to {@link #sniff(byte[], int)} before anything is buffered: enough
     * for the JPEG, PNG, GIF and WebP magic a peek decides on, and an ISOBMFF box's major brand.
     */
    public static final int PEEK_BYTES = 16;

    /**
     * The fewest bytes that can tell every binary magic apart ({@code RIFF....WEBP}, {@code ....ftypavif}): a peeked
     * head shorter than this may be an image that does not say so yet, and is taken for what its type says.
     */
    public static final int MAGIC_BYTES = 12;

    /** Tells the format from the first bytes of a body (at least {@link #MAGIC_BYTES} for WebP and AVIF). */
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
            return TIFF; // classic, then BigTIFF (version 43, 8-byte offsets)
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
        long boxSize = (data[0] & 0xFFL) << 24 | (data[1] & 0xFF) << 16 | (data[2] & 0xFF) << 8 | data[3] & 0xFF;
        int end = (int) Math.min(Math.min(boxSize, length), 4096);
        boolean heif = false;
        for (int at = 8; at + 4 <= end; at += at == 8 ? 8 : 4) { // major brand, minor version skipped, compatibles
            if (brand(data, at, "avif") || brand(data, at, "avis")) {
                return AVIF;
            }
            heif |= brand(data, at, "heic") || brand(data, at, "heix") || brand(data, at, "heim")
                    || brand(data, at, "heis") || brand(data, at, "hevc") || brand(data, at, "hevx")
                    || brand(data, at, "mif1") || brand(data, at, "msf1");
        }
        return heif ? HEIF : null;
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
