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
    AVIF("image/avif", false),
    HEIF("image/heif", false),
    TIFF("image/tiff", false),
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
            if (startsWith(data, length, 8, 'a', 'v', 'i', 'f') || startsWith(data, length, 8, 'a', 'v', 'i', 's')) {
                return AVIF;
            }
            if (startsWith(data, length, 8, 'h', 'e', 'i', 'c') || startsWith(data, length, 8, 'h', 'e', 'i', 'x')
                    || startsWith(data, length, 8, 'm', 'i', 'f', '1')) {
                return HEIF;
            }
        }
        if (startsWith(data, length, 0, 'I', 'I', 42, 0) || startsWith(data, length, 0, 'M', 'M', 0, 42)) {
            return TIFF;
        }
        if (SvgSniffer.looksLikeSvg(data, length)) {
            return SVG;
        }
        return UNKNOWN;
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
