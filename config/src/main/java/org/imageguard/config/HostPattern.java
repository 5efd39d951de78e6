package org.imageguard.config;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@code hotlink.allow} entry as nginx's {@code valid_referers} takes it: {@code example.com},
 * {@code *.example.com} (any subdomain, not the bare domain) or {@code example.*} (any last label), optionally
 * followed by a path prefix ({@code example.com/gallery/}). Validated and lower-cased once at load time.
 *
 * <pre>{@code
 * HostPattern p = HostPattern.parse("*.example.com");
 * p.matches("cdn.example.com", "/page"); // true
 * p.matches("example.com", "/page");     // false
 * }</pre>
 */
public final class HostPattern {

    private static final Pattern LABELS = Pattern.compile("[a-z0-9_-]+(?:\\.[a-z0-9_-]+)*");

    private final String text;
    private final String host;
    private final String pathPrefix;
    private final boolean leadingWildcard;
    private final boolean trailingWildcard;

    private HostPattern(String text, String host, String pathPrefix, boolean leading, boolean trailing) {
        this.text = text;
        this.host = host;
        this.pathPrefix = pathPrefix;
        this.leadingWildcard = leading;
        this.trailingWildcard = trailing;
    }

    /** Parses one pattern; the exception message says what nginx would accept instead. */
    public static HostPattern parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isBlank()) {
            throw new IllegalArgumentException("expected a host pattern like example.com or *.example.com, found ''");
        }
        if (pattern.contains("://")) {
            throw new IllegalArgumentException(
                    "write the host without a scheme (example.com, not https://example.com), found '"
                            + ConfigValues.printable(pattern) + "'");
        }
        int slash = pattern.indexOf('/');
        String hostPart = (slash < 0 ? pattern : pattern.substring(0, slash)).toLowerCase(Locale.ROOT);
        String path = slash < 0 ? "" : pattern.substring(slash);
        boolean leading = hostPart.startsWith("*.");
        boolean trailing = hostPart.endsWith(".*");
        // "*.*" both starts and ends with a wildcard: rejected before cutting, the two would overlap.
        String core = leading && trailing ? ""
                : hostPart.substring(leading ? 2 : 0, hostPart.length() - (trailing ? 2 : 0));
        if (!LABELS.matcher(core).matches() || path.contains("*")) {
            throw new IllegalArgumentException("'" + ConfigValues.printable(pattern) + "' is not a host pattern nginx"
                    + " accepts: a '*' may only start ('*.example.com') or end ('example.*') the host");
        }
        return new HostPattern(pattern, core, path, leading, trailing);
    }

    /** Whether a Referer's host (lower case, no port) and path are allowed by this pattern. */
    public boolean matches(String refererHost, String refererPath) {
        return hostMatches(refererHost) && refererPath.startsWith(pathPrefix);
    }

    private boolean hostMatches(String candidate) {
        if (leadingWildcard) {
            return candidate.length() > host.length() + 1 && candidate.endsWith("." + host);
        }
        if (trailingWildcard) {
            return candidate.length() > host.length() + 1 && candidate.startsWith(host + ".");
        }
        return candidate.equals(host);
    }

    /** The pattern as written. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostPattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
