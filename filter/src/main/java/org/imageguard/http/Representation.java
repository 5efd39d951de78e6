package org.imageguard.http;

import java.util.List;
import java.util.Objects;

/**
 * A body ready to serve with the headers that belong to it (Content-Type, ETag, Last-Modified, Cache-Control, Vary,
 * signals). Status, length, range and {@code X-ImageGuard} are added per request by {@link Responder}. Cached
 * entries hold one, so a hit only copies.
 *
 * @param etag         the validator compared with If-None-Match / If-Range; empty when there is none
 * @param lastModified the date compared with If-Modified-Since; empty when there is none
 */
public record Representation(byte[] body, String etag, String lastModified, List<Header> headers) {

    public Representation {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
        headers = List.copyOf(headers);
    }

    /** The value of a header, or the empty string. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return "";
    }
}
