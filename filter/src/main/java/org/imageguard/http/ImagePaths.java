package org.imageguard.http;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Guesses from the path alone whether a response is likely an image, before the origin is asked. Only such requests
 * have their conditional and Range headers taken over by ImageGuard (the origin then sends the whole original, which
 * is what a rewrite needs). Other paths keep them: a video's Range must reach the origin or seeking breaks.
 * An image at an unexpected path is still rewritten; it just gets its conditionals and ranges answered by the
 * origin instead (Range → 206 → passed through untouched).
 */
public final class ImagePaths {

    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "jpe", "jfif", "png", "apng", "gif",
            "webp", "svg", "avif", "heic", "heif", "tif", "tiff", "jxl", "ico", "bmp");

    private ImagePaths() {
    }

    /**
     * An image extension, or no extension at all (images served by a script or a CDN-style path), but not a
     * directory-style path ending in {@code /}, which is almost always a page.
     */
    static boolean likelyImage(String path) {
        if (path.isEmpty() || path.endsWith("/")) {
            return false;
        }
        return extension(path).map(IMAGE_EXTENSIONS::contains).orElse(true);
    }

    /**
     * The path names an image file by its extension (jpg, png, gif, webp, avif, svg, ico, bmp, tiff, ...): what the
     * hotlink policy guards before the origin is asked.
     */
    public static boolean hasImageExtension(String path) {
        return extension(path).map(IMAGE_EXTENSIONS::contains).orElse(false);
    }

    /** The lower-cased extension of the last path segment, if it has one. */
    private static Optional<String> extension(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
