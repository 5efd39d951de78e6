package org.imageguard.http;

/**
 * The representation chosen by content negotiation. Part of the cache key and of the ETag, so two clients with
 * different {@code Accept} headers never share a body.
 */
public enum Variant {
    /** The image in its own format. */
    ORIGINAL,
    /** Converted to WebP for a client whose {@code Accept} lists {@code image/webp} ({@code optimize.webp}). */
    WEBP;

    /** The variant a request gets under a policy; {@code ORIGINAL} unless WebP is on and accepted. */
    static Variant negotiate(boolean webpEnabled, String accept) {
        if (!webpEnabled) {
            return ORIGINAL;
        }
        return HeaderValues.hasToken(accept, "image/webp") ? WEBP : ORIGINAL;
    }
}
