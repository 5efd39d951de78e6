package org.imageguard.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the pipeline needs to know about a request, taken from a servlet request or a Jetty request alike. Only the
 * headers in {@link #HEADERS} are kept (lower-cased names); an absent header reads as the empty string through
 * {@link #header}, while {@link #headerIfSent} tells an absent header from an empty one (the hotlink policy treats a
 * missing Referer and a blanked one differently, as nginx does). One type for the pipeline and the request policies.
 *
 * <pre>{@code
 * RequestFacts facts = RequestFacts.of("GET", "/img/a.jpg").withHeader("Accept", "image/webp,*\/*");
 * facts.accept(); // "image/webp,*\/*"
 * }</pre>
 *
 * <p>Two paths: {@code path} is what per-path policies and hotlink exemptions match (decoded, dot segments and
 * path parameters resolved by the server, runs of {@code /} merged, see {@link #normalisedPath}); {@code rawPath} is
 * the path exactly as the origin receives it, parameters and percent-escapes included. The cache keys on the raw one:
 * a key the origin does not share ({@code /a.jpg;x} filed as {@code /a.jpg}) would let any client choose what
 * everyone else gets for {@code /a.jpg}.
 *
 * @param path    the decoded path within the site (servlet path + path info), used for per-path policies
 * @param rawPath the path as sent to the origin (the request URI, undecoded), what the cache keys on
 * @param query   the raw query string, empty when there is none
 * @param host    the {@code Host} the client asked for, empty when absent
 */
public record RequestFacts(String method, String path, String rawPath, String query, String host,
                           Map<String, String> headers) {

    /**
     * The request headers ImageGuard reads: negotiation, hotlink and crawler checks, conditionals and ranges, and the
     * cache's rules (RFC 9111: credentials, the client's own Cache-Control and Pragma).
     */
    public static final Set<String> HEADERS = Set.of("accept", "referer", "user-agent", "sec-fetch-site",
            "sec-fetch-dest", "sec-fetch-mode", "if-none-match", "if-modified-since", "range", "if-range",
            "authorization", "cache-control", "pragma");

    /** Only the presence of credentials matters here; their value is never kept (nor printed with the record). */
    private static final String CREDENTIALS = "(credentials)";

    public RequestFacts {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        path = normalisedPath(path);
        rawPath = rawPath == null || rawPath.isEmpty() ? path : rawPath;
        query = query == null ? "" : query;
        host = host == null ? "" : host;
        Map<String, String> kept = new HashMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (value != null && HEADERS.contains(lower)) {
                kept.put(lower, lower.equals("authorization") ? CREDENTIALS : value);
            }
        });
        headers = Map.copyOf(kept);
    }

    /** With the raw path equal to the decoded one, as for a request without escapes or parameters. */
    public RequestFacts(String method, String path, String query, String host, Map<String, String> headers) {
        this(method, path, path, query, host, headers);
    }

    /** A request with no headers, for tests and for building up with {@link #withHeader}. */
    public static RequestFacts of(String method, String path) {
        return new RequestFacts(method, path, "", "", Map.of());
    }

    /**
     * The path policies match: runs of {@code /} merged into one, since web servers (nginx, Apache, Tomcat) serve
     * {@code //private/a.jpg} as {@code /private/a.jpg}, and a rule for {@code /private/**} must not be escaped by a
     * doubled slash.
     */
    static String normalisedPath(String path) {
        return path.contains("//") ? path.replaceAll("/{2,}", "/") : path;
    }

    public RequestFacts withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name.toLowerCase(Locale.ROOT), value);
        return new RequestFacts(method, path, rawPath, query, host, more);
    }

    public RequestFacts withQuery(String newQuery) {
        return new RequestFacts(method, path, rawPath, newQuery, host, headers);
    }

    public RequestFacts withRawPath(String newRawPath) {
        return new RequestFacts(method, path, newRawPath, query, host, headers);
    }

    public RequestFacts withHost(String newHost) {
        return new RequestFacts(method, path, rawPath, query, newHost, headers);
    }

    /** A kept header's value, or the empty string. */
    public String header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }

    /** A kept header's value, or empty when the request did not send it (an empty value is present). */
    public Optional<String> headerIfSent(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Raw path and query, exactly as the origin is asked for them: what the cache keys on, with the Host. */
    public String url() {
        return query.isEmpty() ? rawPath : rawPath + "?" + query;
    }

    /** The request carries credentials ({@code Authorization}). */
    public boolean authorized() {
        return headers.containsKey("authorization");
    }

    public boolean isHead() {
        return "HEAD".equals(method);
    }

    /** GET and HEAD are the only methods whose responses ImageGuard rewrites. */
    public boolean isGetOrHead() {
        return "GET".equals(method) || isHead();
    }

    public String accept() {
        return header("accept");
    }

    public String referer() {
        return header("referer");
    }

    public String userAgent() {
        return header("user-agent");
    }

    public String secFetchSite() {
        return header("sec-fetch-site");
    }

    public String secFetchDest() {
        return header("sec-fetch-dest");
    }

    public String ifNoneMatch() {
        return header("if-none-match");
    }

    public String ifModifiedSince() {
        return header("if-modified-since");
    }

    public String range() {
        return header("range");
    }

    public String ifRange() {
        return header("if-range");
    }
}
