package org.imageguard.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A body ready to serve with the headers that belong to it (Content-Type, ETag, Last-Modified). Status, length,
 * range, the policy's headers (Cache-Control, Vary, signals) and {@code X-ImageGuard} are added per request by
 * {@link Responder}. Cached entries hold one, and it keeps the header block of its last whole answer, so a hit
 * under the same policy copies nothing ({@link #wholeAnswerHeaders}).
 *
 * <p>A value class rather than a record only for that block: equality is by its four values.
 */
public final class Representation {

    private static final Header ACCEPT_RANGES = new Header("Accept-Ranges", "bytes");

    private final byte[] body;
    private final String etag;
    private final String lastModified;
    private final List<Header> headers;
    /** The last whole-answer block and what it was made from; replaced when the policy or outcome differs. */
    private volatile WholeAnswer lastWhole;

    private record WholeAnswer(List<Header> current, Outcome outcome, List<Header> headers) {
    }

    /**
     * @param etag         the validator compared with If-None-Match / If-Range; empty when there is none
     * @param lastModified the date compared with If-Modified-Since; empty when there is none
     */
    public Representation(byte[] body, String etag, String lastModified, List<Header> headers) {
        this.body = Objects.requireNonNull(body, "body");
        this.etag = Objects.requireNonNull(etag, "etag");
        this.lastModified = Objects.requireNonNull(lastModified, "lastModified");
        this.headers = List.copyOf(headers);
    }

    public byte[] body() {
        return body;
    }

    public String etag() {
        return etag;
    }

    public String lastModified() {
        return lastModified;
    }

    public List<Header> headers() {
        return headers;
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

    /**
     * The headers of a whole {@code 200} answer of this body, in order: its own, {@code current} (the policy's), the
     * outcome, {@code Accept-Ranges} and {@code Content-Length}. Made once and handed out again while the same
     * {@code current} list (a {@link CompiledPolicy} keeps one per origin Cache-Control/Vary) and outcome ask: every
     * hit under one policy. A reload's new policy hands in another list, and the block is made again.
     */
    List<Header> wholeAnswerHeaders(List<Header> current, Outcome outcome) {
        WholeAnswer last = lastWhole;
        if (last != null && last.current == current && last.outcome == outcome) {
            return last.headers;
        }
        List<Header> block = new ArrayList<>(headers.size() + current.size() + 3);
        block.addAll(headers);
        block.addAll(current);
        if (outcome != null) {
            block.add(outcome.header());
        }
        block.add(ACCEPT_RANGES);
        block.add(new Header("Content-Length", Integer.toString(body.length)));
        List<Header> made = List.copyOf(block);
        lastWhole = new WholeAnswer(current, outcome, made);
        return made;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Representation that && java.util.Arrays.equals(body, that.body)
                && etag.equals(that.etag) && lastModified.equals(that.lastModified) && headers.equals(that.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(etag, lastModified, headers, body.length);
    }

    @Override
    public String toString() {
        return "Representation[" + body.length + " bytes, etag=" + etag + ", headers=" + headers + "]";
    }
}
