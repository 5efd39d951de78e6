package org.imageguard.http;

/**
 * What the origin (the servlet behind the filter, or the proxied server) answered, known before its body is read.
 * Absent headers read as the empty string, an unknown length as -1.
 *
 * <pre>{@code
 * OriginResponse origin = OriginResponse.ok("image/jpeg").withEtag("\"abc\"");
 * }</pre>
 */
public record OriginResponse(int status, String contentType, String contentEncoding, String cacheControl, String etag,
                             String lastModified, long contentLength, String vary, boolean setsCookie) {

    public OriginResponse {
        contentType = orEmpty(contentType);
        contentEncoding = orEmpty(contentEncoding);
        cacheControl = orEmpty(cacheControl);
        etag = orEmpty(etag);
        lastModified = orEmpty(lastModified);
        vary = orEmpty(vary);
        if (contentLength < -1) {
            contentLength = -1;
        }
    }

    /** A response that sets no cookie. */
    public OriginResponse(int status, String contentType, String contentEncoding, String cacheControl, String etag,
                          String lastModified, long contentLength, String vary) {
        this(status, contentType, contentEncoding, cacheControl, etag, lastModified, contentLength, vary, false);
    }

    /** A 200 with the given Content-Type and nothing else. */
    public static OriginResponse ok(String contentType) {
        return new OriginResponse(200, contentType, "", "", "", "", -1, "");
    }

    public OriginResponse withStatus(int newStatus) {
        return new OriginResponse(newStatus, contentType, contentEncoding, cacheControl, etag, lastModified,
                contentLength, vary, setsCookie);
    }

    public OriginResponse withEtag(String newEtag) {
        return new OriginResponse(status, contentType, contentEncoding, cacheControl, newEtag, lastModified,
                contentLength, vary, setsCookie);
    }

    public OriginResponse withLastModified(String newLastModified) {
        return new OriginResponse(status, contentType, contentEncoding, cacheControl, etag, newLastModified,
                contentLength, vary, setsCookie);
    }

    public OriginResponse withCacheControl(String newCacheControl) {
        return new OriginResponse(status, contentType, contentEncoding, newCacheControl, etag, lastModified,
                contentLength, vary, setsCookie);
    }

    public OriginResponse withContentEncoding(String newEncoding) {
        return new OriginResponse(status, contentType, newEncoding, cacheControl, etag, lastModified, contentLength,
                vary, setsCookie);
    }

    public OriginResponse withContentLength(long newLength) {
        return new OriginResponse(status, contentType, contentEncoding, cacheControl, etag, lastModified, newLength,
                vary, setsCookie);
    }

    public OriginResponse withVary(String newVary) {
        return new OriginResponse(status, contentType, contentEncoding, cacheControl, etag, lastModified,
                contentLength, newVary, setsCookie);
    }

    /** The media type without parameters, lower-cased; empty when the origin sent none. */
    public String mediaType() {
        return HeaderValues.mediaType(contentType);
    }

    /** {@code image/*}: the origin says it is an image (it may lie; sniffing has the last word). */
    public boolean declaresImage() {
        return mediaType().startsWith("image/");
    }

    /**
     * {@code image/svg+xml}: SVG has no magic bytes, so a body that does not read as SVG (compressed without saying
     * so, a root we cannot find) is still taken for the image its origin says it is.
     */
    public boolean declaresSvg() {
        return mediaType().equals("image/svg+xml");
    }

    /** No Content-Type, or one that says nothing about the bytes: only sniffing can tell. */
    public boolean declaresUnknownType() {
        String type = mediaType();
        return type.isEmpty() || type.equals("application/octet-stream") || type.equals("binary/octet-stream");
    }

    /** {@code video/*} or {@code audio/*}: large streamed media, never sniffed for an image. */
    public boolean declaresMedia() {
        String type = mediaType();
        return type.startsWith("video/") || type.startsWith("audio/");
    }

    /** The body is sent as is: no Content-Encoding, or {@code identity}. */
    public boolean identityEncoding() {
        return contentEncoding.isBlank() || contentEncoding.trim().equalsIgnoreCase("identity");
    }

    /** The origin asked intermediaries not to transform the body. */
    public boolean noTransform() {
        return HeaderValues.hasToken(cacheControl, "no-transform");
    }

    public OriginResponse withSetCookie(boolean newSetsCookie) {
        return new OriginResponse(status, contentType, contentEncoding, cacheControl, etag, lastModified,
                contentLength, vary, newSetsCookie);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
