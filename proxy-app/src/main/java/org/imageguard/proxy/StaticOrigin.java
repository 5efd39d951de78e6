package org.imageguard.proxy;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpDateTime;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Promise;

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

    /** Answers at once, on this thread: reading a local file is quick, so the body is read as it is written. */
    @Override
    public void fetch(Request request, String method, HttpFields headers, Promise<OriginReply> reply) {
        reply.succeeded(answer(request, method, headers));
    }

    private OriginReply answer(Request request, String method, HttpFields headers) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return OriginReply.text(405, "method not allowed", HttpFields.build().put(HttpHeader.ALLOW, "GET, HEAD"));
        }
        String path = request.getHttpURI().getPath();
        String query = request.getHttpURI().getQuery();
        Optional<List<String>> segments = SafePath.segments(path);
        if (segments.isEmpty()) {
            return notFound();
        }
        try {
            SiteRoot.Lookup lookup = root.find(segments.get(), path.endsWith("/"));
            if (lookup instanceof SiteRoot.Found found) {
                return serve(found.file(), method, headers, request.getComponents().getByteBufferPool());
            }
            if (lookup instanceof SiteRoot.Directory) {
                String location = path + "/" + (query == null ? "" : "?" + query);
                return OriginReply.text(301, "moved", HttpFields.build().put(HttpHeader.LOCATION, location));
            }
            return notFound();
        } catch (IOException e) {
            return notFound(); // unreadable counts as absent; the cause is the operator's, not the client's
        }
    }

    private static OriginReply notFound() {
        return OriginReply.text(404, "not found", HttpFields.EMPTY);
    }

    private static OriginReply serve(StaticFile file, String method, HttpFields request, ByteBufferPool buffers)
            throws IOException {
        HttpFields.Mutable headers = HttpFields.build();
        headers.put(HttpHeader.ETAG, file.etag());
        headers.put(HttpHeader.LAST_MODIFIED, httpDate(file.lastModified()));
        headers.put(HttpHeader.DATE, httpDate(Instant.now()));
        if (notModified(file, request)) {
            return new OriginReply(304, headers, OriginBody.of(Content.Source.from(BufferUtil.EMPTY_BUFFER)));
        }
        headers.put(HttpHeader.CONTENT_TYPE, MediaTypes.of(file.name()));
        headers.put(HttpHeader.CONTENT_LENGTH, file.size());
        if (method.equals("HEAD")) {
            return new OriginReply(200, headers, OriginBody.of(Content.Source.from(BufferUtil.EMPTY_BUFFER)));
        }
        return new OriginReply(200, headers, OriginBody.of(file.opener().source(buffers)));
    }

    /** RFC 9110 §13.2.2: If-None-Match wins; If-Modified-Since counts only without it. */
    private static boolean notModified(StaticFile file, HttpFields request) {
        Optional<String> noneMatch = Optional.ofNullable(request.get(HttpHeader.IF_NONE_MATCH));
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
        Optional<String> since = Optional.ofNullable(request.get(HttpHeader.IF_MODIFIED_SINCE));
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
