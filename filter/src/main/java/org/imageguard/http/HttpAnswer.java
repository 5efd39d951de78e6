package org.imageguard.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
public final class HttpAnswer {

    /**
     * Adapters write (and read) a heap body in slices of at most this many bytes. Writing a heap array of many
     * megabytes in one call makes the JDK copy all of it into a temporary direct buffer per thread (and keep it
     * cached): under a burst of large images that exhausts direct memory ({@code -XX:MaxDirectMemorySize} defaults to
     * the heap size) and the write fails after the status line is out, an empty reply for the client. Slices bound
     * that copy per thread. A body already {@link #offHeap() off the heap} needs no such copy and goes in one write.
     */
    public static final int WRITE_SLICE = 64 * 1024;

    private final int status;
    private final List<Header> headers;
    private final List<String> removedHeaders;
    /** The whole body on the heap, or null when it is {@link #direct}. */
    private final byte[] body;
    /** The whole body in a read-only direct buffer (position 0), or null. */
    private final ByteBuffer direct;
    private final int offset;
    private final int length;
    private final boolean sendBody;
    private final Outcome outcome;

    /** An answer whose body is {@code length} bytes of a heap array from {@code offset}. */
    public HttpAnswer(int status, List<Header> headers, List<String> removedHeaders, byte[] body, int offset,
                      int length, boolean sendBody, Outcome outcome) {
        this(status, headers, removedHeaders, Objects.requireNonNull(body, "body"), null, body.length, offset, length,
                sendBody, outcome);
    }

    private HttpAnswer(int status, List<Header> headers, List<String> removedHeaders, byte[] body, ByteBuffer direct,
                       int whole, int offset, int length, boolean sendBody, Outcome outcome) {
        if (offset < 0 || length < 0 || (long) offset + length > whole) {
            throw new IllegalArgumentException("slice " + offset + "+" + length + " outside a body of " + whole);
        }
        this.status = status;
        this.headers = List.copyOf(headers);
        this.removedHeaders = List.copyOf(removedHeaders);
        this.body = body;
        this.direct = direct;
        this.offset = offset;
        this.length = length;
        this.sendBody = sendBody;
        this.outcome = outcome;
    }

    /** An answer whose body is a slice of a representation's, on or off the heap as the representation keeps it. */
    static HttpAnswer of(int status, List<Header> headers, List<String> removedHeaders, Representation rep,
                         int offset, int length, boolean sendBody, Outcome outcome) {
        if (!rep.offHeap()) {
            return new HttpAnswer(status, headers, removedHeaders, rep.body(), offset, length, sendBody, outcome);
        }
        return new HttpAnswer(status, headers, removedHeaders, null, rep.content(), rep.length(), offset, length,
                sendBody, outcome);
    }

    public int status() {
        return status;
    }

    public List<Header> headers() {
        return headers;
    }

    public List<String> removedHeaders() {
        return removedHeaders;
    }

    /**
     * The whole body the slice ({@link #offset()}, {@link #length()}) is cut from: the heap array itself, or a new
     * copy of an {@link #offHeap()} body (a writer that can take a buffer asks for {@link #content()} instead).
     */
    public byte[] body() {
        return Representation.array(body, direct);
    }

    /** The length of the whole body the slice is cut from (a range answer sends less). */
    public int bodyLength() {
        return body != null ? body.length : direct.capacity();
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public boolean sendBody() {
        return sendBody;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Whether the body lives outside the heap: {@link #content()} is then a direct buffer, written without a copy. */
    public boolean offHeap() {
        return direct != null;
    }

    /** The slice to send as a read-only buffer of its own: a view of the body, not a copy. */
    public ByteBuffer content() {
        ByteBuffer whole = body != null ? ByteBuffer.wrap(body).asReadOnlyBuffer() : direct.duplicate();
        return whole.position(offset).limit(offset + length).slice();
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
        if (!sendBody) {
            return new byte[0];
        }
        byte[] sent = new byte[length];
        content().get(sent);
        return sent;
    }

    @Override
    public String toString() {
        return "HttpAnswer[status=" + status + ", headers=" + headers + ", removedHeaders=" + removedHeaders + ", body="
                + bodyLength() + " bytes" + (offHeap() ? " off-heap" : "") + ", offset=" + offset + ", length="
                + length + ", sendBody=" + sendBody + ", outcome=" + outcome + "]";
    }
}
