package org.imageguard.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.HttpDateTime;
import org.eclipse.jetty.server.Request;

/**
 * Serves a {@link SiteRoot} like a plain web server: GET and HEAD only, Content-Type by extension, Last-Modified and
 * ETag, 304 for a matching {@code If-None-Match} (or, without one, {@code If-Modified-Since}), {@code index.html} for
 * folders, 404 for everything else — never a listing, never a file outside the root.
 *
 * <pre>{@code
 * Origin site = new StaticOrigin(new DirectoryRoot(Path.of("/var/www")));
 * }</pre>
 */
final class StaticOrigin implements Origin {

    private final SiteRoot root;

    StaticOrigin(SiteRoot root) {
        this.root = root;
    }

    @Override
    public String describe() {
        return root.describe();
    }

    @Override
    public OriginResponse fetch(Request request, RequestFacts facts) throws OriginException {
        if (!facts.method().equals("GET") && !facts.method().equals("HEAD")) {
            return OriginResponse.text(405, "method not allowed", Map.of("Allow", List.of("GET, HEAD")));
        }
        Optional<List<String>> segments = SafePath.segments(facts.path());
        if (segments.isEmpty()) {
            return notFound();
        }
        try {
            SiteRoot.Lookup lookup = root.find(segments.get(), facts.path().endsWith("/"));
            if (lookup instanceof SiteRoot.Found found) {
                return serve(found.file(), facts);
            }
            if (lookup instanceof SiteRoot.Directory) {
                String location = facts.path() + "/" + (facts.query() == null ? "" : "?" + facts.query());
                return OriginResponse.text(301, "moved", Map.of("Location", List.of(location)));
            }
            return notFound();
        } catch (IOException e) {
            return notFound(); // unreadable counts as absent; the cause is the operator's, not the client's
        }
    }

    private static OriginResponse notFound() {
        return OriginResponse.text(404, "not found", Map.of());
    }

    private static OriginResponse serve(SiteFile file, RequestFacts facts) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("ETag", List.of(file.etag()));
        headers.put("Last-Modified", List.of(httpDate(file.lastModified())));
        headers.put("Date", List.of(httpDate(Instant.now())));
        if (notModified(file, facts)) {
            return new OriginResponse(new OriginHead(304, headers), InputStream.nullInputStream());
        }
        headers.put("Content-Type", List.of(MediaTypes.of(file.name())));
        headers.put("Content-Length", List.of(Long.toString(file.size())));
        InputStream body = facts.method().equals("HEAD") ? InputStream.nullInputStream() : file.opener().open();
        return new OriginResponse(new OriginHead(200, headers), body);
    }

    /** RFC 9110 §13.2.2: If-None-Match wins; If-Modified-Since counts only without it. */
    private static boolean notModified(SiteFile file, RequestFacts facts) {
        Optional<String> noneMatch = facts.header("If-None-Match");
        if (noneMatch.isPresent()) {
            for (String tag : noneMatch.get().split(",")) {
                String t = tag.trim();
                t = t.startsWith("W/") ? t.substring(2) : t; // weak comparison, as for GET
                if (t.equals("*") || t.equals(file.etag())) {
                    return true;
                }
            }
            return false;
        }
        Optional<String> since = facts.header("If-Modified-Since");
        if (since.isEmpty()) {
            return false;
        }
        long date = HttpDateTime.parseToEpoch(since.get());
        return date >= 0 && file.lastModified().getEpochSecond() <= date / 1000; // an invalid date is ignored
    }

    static String httpDate(Instant instant) {
        return DateGenerator.formatDate(instant);
    }
}
