package org.imageguard.policy.hotlink;

import java.util.Locale;
import java.util.Optional;
import org.imageguard.config.HostName;

/**
 * A {@code Referer} header, classified the way nginx's {@code valid_referers} does, then parsed into the only two
 * parts a hotlink rule may look at: the normalized host and the raw path.
 *
 * <ul>
 *   <li>{@link None}: no header.</li>
 *   <li>{@link Blocked}: present but not URL-shaped ({@code -}, {@code XXXXXX}, {@code android-app://...}): what
 *       firewalls and privacy proxies leave behind. nginx's {@code blocked}.</li>
 *   <li>{@link Invalid}: URL-shaped but unusable: an http(s) URL whose host does not parse (percent-escapes, empty
 *       host, bad port), or a scheme-relative {@code //host} / backslash form that no browser sends. nginx would
 *       compare such a host and find no match; we likewise never let it match, and never treat it as blocked.</li>
 *   <li>{@link Url}: an http(s) URL with a valid host.</li>
 * </ul>
 *
 * The authority is found by hand, as browsers do (WHATWG URL: it ends at the first {@code /}, {@code \}, {@code ?}
 * or {@code #}; userinfo ends at the last {@code @}), instead of with {@link java.net.URI}, which rejects characters
 * that real referers carry in their query.
 */
sealed interface Referer {

    /** No {@code Referer} header. */
    record None() implements Referer {
    }

    /** A Referer that is not a URL at all. */
    record Blocked() implements Referer {
    }

    /** A URL-shaped Referer whose host cannot be trusted to mean anything. */
    record Invalid() implements Referer {
    }

    /**
     * @param host normalized host (see {@link HostName})
     * @param path raw path, starting with {@code /}, without query and fragment
     */
    record Url(String host, String path) implements Referer {
    }

    Referer NONE = new None();
    Referer BLOCKED = new Blocked();
    Referer INVALID = new Invalid();

    static Referer parse(String header) {
        if (header == null) {
            return NONE;
        }
        String text = header.strip();
        String lower = text.substring(0, Math.min(8, text.length())).toLowerCase(Locale.ROOT);
        int authorityStart;
        if (lower.startsWith("http://")) {
            authorityStart = 7;
        } else if (lower.startsWith("https://")) {
            authorityStart = 8;
        } else {
            return looksLikeUrl(lower) ? INVALID : BLOCKED;
        }
        return parseAuthorityAndPath(text, authorityStart);
    }

    // "http:", "https:" without both slashes, "//host" and backslash forms are mangled URLs, not firewall leftovers.
    private static boolean looksLikeUrl(String lower) {
        return lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("//")
                || lower.startsWith("\\") || lower.startsWith("/\\");
    }

    private static Referer parseAuthorityAndPath(String url, int authorityStart) {
        int authorityEnd = url.length();
        for (int i = authorityStart; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '\\' || c == '?' || c == '#') {
                authorityEnd = i;
                break;
            }
        }
        String authority = url.substring(authorityStart, authorityEnd);
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        Optional<String> host = HostName.fromAuthority(hostPort);
        if (host.isEmpty()) {
            return INVALID;
        }
        return new Url(host.get(), path(url, authorityEnd));
    }

    private static String path(String url, int from) {
        if (from >= url.length() || url.charAt(from) != '/') {
            return "/";
        }
        int end = url.length();
        for (int i = from; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return url.substring(from, end);
    }
}
