package org.imageguard.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.imageguard.http.OriginResponse;

/**
 * An origin's status, end-to-end headers (hop-by-hop ones already removed) and its body, which the proxy reads at
 * most once, as it arrives, and closes.
 *
 * <pre>{@code
 * origin.fetch(request, "GET", request.getHeaders(), Promise.from(reply -> {
 *     RewriteDecision d = exchange.decide(reply.facts());   // ... and reply.close() once done with it
 * }, failure -> ...));
 * }</pre>
 */
record OriginReply(int status, HttpFields headers, OriginBody body) implements AutoCloseable {

    OriginReply {
        headers = headers.asImmutable();
    }

    /** A short plain-text answer, as a web server gives for 404 or 405. */
    static OriginReply text(int status, String message, HttpFields extraHeaders) {
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        HttpFields.Mutable headers = HttpFields.build(extraHeaders);
        headers.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        headers.put(HttpHeader.CONTENT_LENGTH, bytes.length);
        return new OriginReply(status, headers, OriginBody.of(Content.Source.from(ByteBuffer.wrap(bytes))));
    }

    /** What the pipeline decides on: the status and the headers it reads, free of Jetty types. */
    OriginResponse facts() {
        return new OriginResponse(status, headers.get(HttpHeader.CONTENT_TYPE),
                joined(HttpHeader.CONTENT_ENCODING), joined(HttpHeader.CACHE_CONTROL), headers.get(HttpHeader.ETAG),
                headers.get(HttpHeader.LAST_MODIFIED), length(),
                joined(HttpHeader.VARY), headers.contains(HttpHeader.SET_COOKIE));
    }

    private long length() {
        try {
            return headers.getLongField(HttpHeader.CONTENT_LENGTH);
        } catch (NumberFormatException e) {
            return -1; // a garbled length is as good as none: the body is read to its end
        }
    }

    /** A list header sent in several lines reads as one, as RFC 9110 §5.3 allows. */
    private String joined(HttpHeader name) {
        return String.join(", ", headers.getValuesList(name));
    }

    /** Gives the body up unless it was read to its end: an upstream connection still sending it is closed. */
    @Override
    public void close() {
        body.fail(new IOException("the proxy is done with the origin's response"));
    }
}
