package org.imageguard.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A complete response decided by the pipeline, for an adapter to copy out: the status, headers to set (replacing any
 * the origin set), headers to remove, and a slice of a body. {@code sendBody} is false for HEAD and for 304. The
 * {@link Outcome} (already among the headers as {@code X-ImageGuard}) is there for metrics and logs; null for a
 * response that is not ImageGuard's.
 *
 * <pre>{@code
 * response.setStatus(answer.status());
 * answer.removedHeaders().forEach(name -> response.setHeader(name, null));
 * answer.headers().forEach(h -> response.setHeader(h.name(), h.value()));
 * if (answer.sendBody()) out.write(answer.body(), answer.offset(), answer.length());
 * }</pre>
 */
public record HttpAnswer(int status, List<Header> headers, List<String> removedHeaders, byte[] body, int offset,
                         int length, boolean sendBody, Outcome outcome) {

    /**
     * Adapters write (and read) a body in slices of at most this many bytes. Writing a heap array of many megabytes in one call
     * makes the JDK copy all of it into a temporary direct buffer per thread (and keep it cached): under a burst of
     * large images that exhausts direct memory ({@code -XX:MaxDirectMemorySize} defaults to the heap size) and the
     * write fails after the status line is out, an empty reply for the client. Slices bound that copy per thread.
     */
    public static final int WRITE_SLICE = 64 * 1024;

    public HttpAnswer {
        headers = List.copyOf(headers);
        removedHeaders = List.copyOf(removedHeaders);
        Objects.requireNonNull(body, "body");
        if (offset < 0 || length < 0 || (long) offset + length > body.length) {
            throw new IllegalArgumentException("slice " + offset + "+" + length + " outside a body of " + body.length);
        }
    }

    /** A short plain-text answer, e.g. a 502 for {@code on-error: reject}. */
    static HttpAnswer plain(int status, String text, List<Header> extra, Outcome outcome, boolean head) {
        return whole(status, "text/plain;charset=utf-8", text.getBytes(StandardCharsets.UTF_8), extra, outcome, head);
    }

    /**
     * A complete body of ImageGuard's own making: whatever validators, encoding or range the origin had set do not
     * describe it and are removed.
     *
     * @param outcome the {@code X-ImageGuard} outcome, or null for none
     */
    static HttpAnswer whole(int status, String contentType, byte[] body, List<Header> extra, Outcome outcome,
                            boolean head) {
        List<Header> headers = new ArrayList<>(extra);
        headers.add(new Header("Content-Type", contentType));
        headers.add(new Header("Content-Length", Integer.toString(body.length)));
        if (outcome != null) {
            headers.add(outcome.header());
        }
        return new HttpAnswer(status, headers, List.of("ETag", "Last-Modified", "Content-Encoding", "Content-Range"),
                body, 0, body.length, !head, outcome);
    }

    /** The value of a header this answer sets, or the empty string. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return "";
    }

    /** The bytes sent (an empty array when {@code sendBody} is false). */
    public byte[] sentBytes() {
        return sendBody ? Arrays.copyOfRange(body, offset, offset + length) : new byte[0];
    }
}
