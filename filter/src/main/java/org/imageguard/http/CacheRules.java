package org.imageguard.http;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The rules of RFC 9111 for a shared cache, as the rewrite cache applies them. The cache never holds what the origin
 * or the client did not let a shared cache hold, and never serves a stored response where the origin asked to be
 * asked first.
 *
 * <p>Not stored:
 * <ul>
 *   <li>a response marked {@code no-store} or {@code private} (it may belong to one user: the key holds no
 *       credentials), or one that sets a cookie;</li>
 *   <li>any response to a request with {@code Authorization}, unless the response says a shared cache may reuse it:
 *       {@code public}, {@code s-maxage} or {@code must-revalidate} (RFC 9111 §3.5);</li>
 *   <li>any response to a request with {@code Cache-Control: no-store};</li>
 *   <li>a response whose {@code Vary} names a request header other than {@code Accept-Encoding} (the key does not hold
 *       those headers; only identity-encoded bodies are rewritten, which suit every client), or {@code *}.</li>
 * </ul>
 * Stored but asked again before each reuse: {@code no-cache}, {@code max-age=0} or {@code s-maxage=0}. Otherwise an
 * entry is fresh for the origin's {@code s-maxage} (else {@code max-age}) or {@code fresh-for}, whichever is shorter.
 * A request with credentials never gets a stored answer without the origin (it asks the origin itself), and one with
 * {@code Cache-Control: no-cache}, {@code max-age=0} or {@code Pragma: no-cache} (a reload) revalidates first.
 *
 * <pre>{@code
 * CacheRules.mayStore(request.withHeader("Authorization", "Basic eDp5"), OriginResponse.ok("image/jpeg")); // false
 * CacheRules.lifetimeNanos(origin.withCacheControl("max-age=10"), freshFor);  // 10 s when fresh-for is longer
 * }</pre>
 */
final class CacheRules {

    /** Identity-encoded bodies suit every client: a Vary on the encoding alone does not split our entries. */
    private static final Set<String> IGNORABLE_VARY = Set.of("accept-encoding");

    private static final long MAX_DELTA = 2_147_483_648L;

    private CacheRules() {
    }

    /** Whether the rewrite of this response to this request may be stored for other requests. */
    static boolean mayStore(RequestFacts request, OriginResponse response) {
        String cc = response.cacheControl();
        if (HeaderValues.hasToken(cc, "no-store") || HeaderValues.hasToken(cc, "private") || response.setsCookie()) {
            return false;
        }
        if (HeaderValues.hasToken(request.header("cache-control"), "no-store")) {
            return false;
        }
        if (request.authorized() && !HeaderValues.hasToken(cc, "public") && !HeaderValues.hasToken(cc, "s-maxage")
                && !HeaderValues.hasToken(cc, "must-revalidate")) {
            return false;
        }
        return varyAllowsStoring(response.vary());
    }

    private static boolean varyAllowsStoring(String vary) {
        for (String name : vary.split(",")) {
            String field = name.trim().toLowerCase(Locale.ROOT);
            if (!field.isEmpty() && !IGNORABLE_VARY.contains(field)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a stored entry may answer this request at all, fresh or after revalidation. */
    static boolean mayServeStored(RequestFacts request) {
        return !request.authorized();
    }

    /** The client asked for a response validated by the origin (a browser reload). */
    static boolean clientWantsValidation(RequestFacts request) {
        String cc = request.header("cache-control");
        if (HeaderValues.hasToken(cc, "no-cache") || seconds(cc, "max-age").orElse(1) == 0) {
            return true;
        }
        return cc.isBlank() && HeaderValues.hasToken(request.header("pragma"), "no-cache");
    }

    /** How long the entry may be served without asking the origin: zero for "ask every time". */
    static long lifetimeNanos(OriginResponse response, long freshForNanos) {
        String cc = response.cacheControl();
        if (HeaderValues.hasToken(cc, "no-cache")) {
            return 0;
        }
        OptionalLong shared = seconds(cc, "s-maxage");
        OptionalLong origin = shared.isPresent() ? shared : seconds(cc, "max-age");
        if (origin.isEmpty()) {
            return freshForNanos;
        }
        long seconds = origin.getAsLong();
        return seconds >= freshForNanos / 1_000_000_000L ? freshForNanos : seconds * 1_000_000_000L;
    }

    /** A delta-seconds directive ({@code max-age=60}); empty when absent or not a number. */
    static OptionalLong seconds(String cacheControl, String directive) {
        if (cacheControl.isEmpty()) {
            return OptionalLong.empty();
        }
        for (String part : cacheControl.split(",")) {
            String[] nameValue = part.split("=", 2);
            if (nameValue.length == 2 && nameValue[0].trim().equalsIgnoreCase(directive)) {
                String value = nameValue[1].trim().replace("\"", "");
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    // RFC 9111 §1.2.2: a value too large to represent counts as 2^31.
                    long seconds = value.length() > 10 ? MAX_DELTA : Math.min(Long.parseLong(value), MAX_DELTA);
                    return OptionalLong.of(seconds);
                }
                return OptionalLong.of(0); // an invalid value makes the response stale (RFC 9111 §4.2.1)
            }
        }
        return OptionalLong.empty();
    }
}
