package org.imageguard.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * Our ETags and the comparisons RFC 9110 §8.8.3 defines.
 *
 * <p>Our ETag is {@code "ig-<22 base64url chars>"}: 128 bits of SHA-256 over the origin's validator, the policy
 * fingerprint and the variant, and for an optimised body its stage. Nothing in it depends on the process, so replicas and restarts agree, and a changed
 * policy or a changed original gives a new tag.
 *
 * <pre>{@code
 * String validator = EntityTags.originValidator(origin, body);
 * String etag = EntityTags.derive(validator, fingerprint, Variant.ORIGINAL); // "\"ig-...\""
 * }</pre>
 */
public final class EntityTags {

    /** Bumped when the engine's output for the same input and policy changes, so old tags stop matching. */
    // 2: x:xmptk is a constant (was xmpcore's manifest version); 3: TIFF and UTF-16/long-prolog SVG are rewritten
    // 4: resize, watermark, lossy JPEG and WebP are applied (they were ignored)
    // 5: compact XMP packets (no padding, no indentation), lossless PNG recompression
    // 6: re-encoded images carry their new size in EXIF (PixelX/YDimension); JFIF wins over a contradicting APP14
    //    and no x:xmptk nor whitespace between XMP tags; PNG image data by the optimal-parsing deflate
    // 7: an XMP packet with over 10,000 elements (xmpcore is quadratic in a list's length) is dropped unparsed
    static final String REVISION = "7";

    private EntityTags() {
    }

    /**
     * What identifies the original representation: the origin's ETag (weakness dropped: equivalent originals are
     * rewritten alike), else its Last-Modified, else the SHA-256 of the body.
     */
    public static String originValidator(OriginResponse origin, byte[] body) {
        if (!origin.etag().isBlank()) {
            return "etag:" + opaque(origin.etag().trim());
        }
        if (!origin.lastModified().isBlank()) {
            return "lm:" + origin.lastModified().trim();
        }
        return "sha256:" + Digests.sha256Hex(body);
    }

    /** Our strong ETag for a protected (not yet optimised) representation. */
    public static String derive(String originValidator, String fingerprint, Variant variant) {
        return derive(originValidator, fingerprint, variant, Stage.PROTECTED);
    }

    /**
     * Our strong ETag for a representation at a stage. The protected body's material is what it has always been
     * (replicas on older versions agree on it); an optimised body, whose bytes differ, adds the stage's name.
     */
    public static String derive(String originValidator, String fingerprint, Variant variant, Stage stage) {
        String material = REVISION + '\n' + originValidator + '\n' + fingerprint + '\n' + variant;
        if (stage == Stage.OPTIMIZED) {
            material += "\nstage=" + stage.name();
        }
        byte[] digest = Digests.sha256(material.getBytes(StandardCharsets.UTF_8));
        byte[] first128 = Arrays.copyOf(digest, 16);
        return "\"ig-" + Base64.getUrlEncoder().withoutPadding().encodeToString(first128) + '"';
    }

    /**
     * {@code If-None-Match}: weak comparison against each listed tag, {@code *} matching any current
     * representation.
     */
    public static boolean noneMatchHits(String ifNoneMatch, String etag) {
        if (ifNoneMatch.trim().equals("*")) {
            return true;
        }
        if (etag.isBlank()) {
            return false;
        }
        String ours = opaque(etag.trim());
        int i = 0;
        String list = ifNoneMatch;
        while (i < list.length()) {
            char c = list.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            if (list.startsWith("W/", i)) {
                i += 2;
            }
            if (i >= list.length() || list.charAt(i) != '"') {
                return false; // malformed list: treat as no match, the full response is always safe
            }
            int close = list.indexOf('"', i + 1);
            if (close < 0) {
                return false;
            }
            if (list.substring(i, close + 1).equals(ours)) {
                return true;
            }
            i = close + 1;
        }
        return false;
    }

    /** {@code If-Range} with an entity tag: strong comparison, a weak tag never matches. */
    public static boolean strongMatch(String candidate, String etag) {
        String c = candidate.trim();
        return !c.startsWith("W/") && !etag.isBlank() && !etag.trim().startsWith("W/") && c.equals(etag.trim());
    }

    /** The quoted opaque part of a tag, without {@code W/}. */
    static String opaque(String tag) {
        return tag.regionMatches(true, 0, "W/", 0, 2) ? tag.substring(2) : tag;
    }

    /** Whether a header value is an entity tag (as opposed to an HTTP date, in If-Range). */
    static boolean isEntityTag(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        return v.startsWith("\"") || v.startsWith("W/\"");
    }
}
