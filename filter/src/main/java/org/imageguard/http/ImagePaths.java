package org.imageguard.http;

import java.util.Locale;
import java.util.Set;

/**
 * Guesses from the path alone whether a response is likely an image, before the origin is asked. Only such requests
 * have their conditional and Range headers taken over by ImageGuard (the origin then sends the whole original, which
 * is what a rewrite needs). Other paths keep them: a video's Range must reach the origin or seeking breaks.
 * An image at an unexpected path is still rewritten; it just gets its conditionals and ranges answered by the
 * origin instead (Range → 206 → passed through untouched).
 */
final class ImagePaths {

    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "jpe", "jfif", "png", "apng", "gif",
            "webp", "svg", "avif", "heic", "heif", "tif", "tiff");

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
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return true;
        }
        return IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
