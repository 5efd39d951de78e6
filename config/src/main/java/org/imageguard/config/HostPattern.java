package org.imageguard.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One {@code hotlink.allow} entry, in nginx {@code valid_referers} syntax, optionally followed by a path prefix.
 * Validated here when the configuration loads; the hotlink policy matches Referers with the same compiled object.
 *
 * <pre>
 * example.com              exactly that host
 * *.example.com            its subdomains, NOT example.com itself (as in nginx)
 * .example.com             example.com and its subdomains
 * example.*                example.com, example.de, example.co.uk (see below)
 * .example.*               all of these and their subdomains
 * example.com/galleries/   that host, referring pages under /galleries/ only
 * ~^(www\.)?example\.org/  a regex, searched in "host/path" (host normalized, no port, userinfo or query)
 * </pre>
 *
 * Hosts are compared after {@link HostName} normalization (lower case, IDN as punycode), never as substrings, so
 * {@code notexample.com}, {@code example.com.evil.test} and {@code example.com@evil.test} never pass for
 * {@code example.com}.
 *
 * <p>The trailing wildcard is narrower than nginx's, which accepts any tail ({@code example.com.evil.test} would pass
 * {@code example.*} there): here the tail is one label ({@code .de}) or a well-known second-level label plus one
 * ({@code .co.uk}, {@code .com.br}). Without the public suffix list this is a heuristic; like every Referer rule it
 * stops browsers embedding images, not scrapers that forge headers.
 *
 * <pre>{@code
 * HostPattern p = HostPattern.parse("*.example.com");
 * p.matches("cdn.example.com", "/page"); // true
 * p.matches("example.com", "/page");     // false
 * }</pre>
 */
public final class HostPattern {

    private static final Set<String> SECOND_LEVEL_LABELS = Set.of(
            "co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go", "gob", "gv", "mil", "nic", "ltd", "plc");
    private static final Set<String> NGINX_KEYWORDS = Set.of("none", "blocked", "server_names");

    private final String entry;
    private final Pattern regex;        // set for "~regex" entries only
    private final String base;          // the host without wildcards
    private final boolean bareHost;     // base itself matches
    private final boolean subdomains;   // "*.base" / ".base"
    private final boolean anySuffix;    // "base.*"
    private final String pathPrefix;    // "" = any path

    private HostPattern(String entry, Pattern regex, String base, boolean bareHost, boolean subdomains,
                        boolean anySuffix, String pathPrefix) {
        this.entry = entry;
        this.regex = regex;
        this.base = base;
        this.bareHost = bareHost;
        this.subdomains = subdomains;
        this.anySuffix = anySuffix;
        this.pathPrefix = pathPrefix;
    }

    /** Parses one entry; the exception message quotes it and says what nginx would accept instead. */
    public static HostPattern parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        String text = pattern.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("expected a host pattern like example.com or *.example.com, found ''");
        }
        if (text.contains("://")) {
            throw new IllegalArgumentException(
                    "write the host without a scheme (example.com, not https://example.com), found '"
                            + ConfigValues.printable(pattern) + "'");
        }
        if (text.startsWith("~")) {
            return regex(pattern, text.substring(1));
        }
        if (NGINX_KEYWORDS.contains(text.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("'" + text + "' is an nginx keyword: allow-empty-referer covers"
                    + " none/blocked, and the site's own host is always allowed");
        }
        int slash = text.indexOf('/');
        String hostPart = slash < 0 ? text : text.substring(0, slash);
        String pathPrefix = slash < 0 ? "" : text.substring(slash);
        boolean subdomainsOnly = hostPart.startsWith("*.");
        boolean withSubdomains = !subdomainsOnly && hostPart.startsWith(".");
        String host = hostPart.substring(subdomainsOnly ? 2 : withSubdomains ? 1 : 0);
        boolean anySuffix = host.endsWith(".*");
        host = anySuffix ? host.substring(0, host.length() - 2) : host;
        if (host.indexOf('*') >= 0 || subdomainsOnly && anySuffix || pathPrefix.indexOf('*') >= 0) {
            throw notNginx(pattern);
        }
        String base = HostName.name(host).orElseThrow(() -> notNginx(pattern));
        return new HostPattern(pattern, null, base, !subdomainsOnly, subdomainsOnly || withSubdomains, anySuffix,
                pathPrefix);
    }

    private static HostPattern regex(String entry, String regex) {
        try {
            Pattern compiled = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
            return new HostPattern(entry, compiled, "", false, false, false, "");
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + ConfigValues.printable(entry) + "' is not a valid regex: "
                    + e.getDescription());
        }
    }

    private static IllegalArgumentException notNginx(String pattern) {
        return new IllegalArgumentException("'" + ConfigValues.printable(pattern) + "' is not a host pattern nginx"
                + " accepts: a '*' may only start ('*.example.com') or end ('example.*') the host");
    }

    /**
     * Whether a Referer is covered by this entry.
     *
     * @param refererHost normalized as {@link HostName} does (lower case, no port)
     * @param refererPath the raw path, starting with {@code /}, without query and fragment
     */
    public boolean matches(String refererHost, String refererPath) {
        if (regex != null) {
            return regex.matcher(refererHost + refererPath).find();
        }
        return hostMatches(refererHost) && pathMatches(refererPath);
    }

    /** Whether a normalized host is covered, ignoring any path prefix; a regex entry needs the path and says no. */
    public boolean hostMatches(String host) {
        if (regex != null) {
            return false;
        }
        String rest = anySuffix ? withoutSuffix(host) : host;
        if (rest == null) {
            return false;
        }
        if (rest.equals(base)) {
            return bareHost;
        }
        return subdomains && rest.endsWith("." + base);
    }

    // "example.co.uk" -> "example"; null when the tail is not a plausible public suffix.
    private static String withoutSuffix(String host) {
        int last = host.lastIndexOf('.');
        if (last <= 0) {
            return null;
        }
        int secondLast = host.lastIndexOf('.', last - 1);
        if (secondLast > 0 && SECOND_LEVEL_LABELS.contains(host.substring(secondLast + 1, last))) {
            return host.substring(0, secondLast);
        }
        return host.substring(0, last);
    }

    // Dot segments would let "/galleries/../private/" pass for "/galleries/"; browsers never send them.
    private boolean pathMatches(String path) {
        if (pathPrefix.isEmpty()) {
            return true;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        boolean dotSegment = lower.contains("/../") || lower.contains("/./") || lower.endsWith("/..")
                || lower.contains("%2e");
        return !dotSegment && path.startsWith(pathPrefix);
    }

    /** The pattern as written. */
    @Override
    public String toString() {
        return entry;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostPattern p && p.entry.equals(entry);
    }

    @Override
    public int hashCode() {
        return entry.hashCode();
    }
}
