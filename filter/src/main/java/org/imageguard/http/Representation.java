package org.imageguard.http;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

import org.imageguard.engine.ImageFormat;

/**
 * A body ready to serve with the headers that belong to it (Content-Type, ETag, Last-Modified). Status, length,
 * range, the policy's headers (Cache-Control, Vary, signals) and {@code X-ImageGuard} are added per request by
 * {@link Responder}. Cached entries hold one, and it keeps the header block of its last whole answer, so a hit
 * under the same policy copies nothing ({@link #wholeAnswerHeaders}).
 *
 * <p>The body lives on the heap ({@code byte[]}) or, for a cache that asks for it ({@link #offHeap()}), in one
 * read-only direct buffer outside the heap. An adapter that can hand a direct buffer to the socket (the proxy's Jetty)
 * writes {@link #content()} without any copy; a heap body costs the JDK a copy into a temporary direct buffer per
 * write. Either way {@link #length()} is its size, and what a cache's weigher counts.
 *
 * <p>A value class rather than a record only for that block: equality is by its four values.
 */
public final class Representation {

    private static final Header ACCEPT_RANGES = new Header("Accept-Ranges", "bytes");

    /** The body on the heap, or null when it lives in {@link #direct}. */
    private final byte[] body;
    /** The body outside the heap (read-only, position 0, limit its length), or null. */
    private final ByteBuffer direct;
    private final String etag;
    private final String lastModified;
    private final List<Header> headers;
    /** {@link ImageFormat#sniff} of the body, once asked (a benign race: every thread computes the same value). */
    private ImageFormat format;
    /** The last whole-answer block and what it was made from; replaced when the policy or outcome differs. */
    private volatile WholeAnswer lastWhole;

    private record WholeAnswer(List<Header> current, Outcome outcome, List<Header> headers) {
    }

    /**
     * @param etag         the validator compared with If-None-Match / If-Range; empty when there is none
     * @param lastModified the date compared with If-Modified-Since; empty when there is none
     */
    public Representation(byte[] body, String etag, String lastModified, List<Header> headers) {
        this(Objects.requireNonNull(body, "body"), null, etag, lastModified, headers);
    }

    private Representation(byte[] body, ByteBuffer direct, String etag, String lastModified, List<Header> headers) {
        this.body = body;
        this.direct = direct;
        this.etag = Objects.requireNonNull(etag, "etag");
        this.lastModified = Objects.requireNonNull(lastModified, "lastModified");
        this.headers = List.copyOf(headers);
    }

    /**
     * The same representation with its body copied into a direct buffer outside the heap, or this one when it is
     * already there, or when direct memory is short ({@code -XX:MaxDirectMemorySize}): the heap body still serves,
     * only with a copy per write, rather than failing the request.
     */
    Representation offHeapCopy() {
        return offHeapCopy(ByteBuffer::allocateDirect);
    }

    /** {@link #offHeapCopy()} with the allocation of direct buffers handed in, so a test can make it fail. */
    Representation offHeapCopy(IntFunction<ByteBuffer> allocateDirect) {
        if (direct != null) {
            return this;
        }
        ByteBuffer copy;
        try {
            copy = allocateDirect.apply(body.length);
        } catch (OutOfMemoryError e) {
            return this; // "Direct buffer memory": the JDK has already run a GC and waited for buffers to be freed
        }
        copy.put(body).flip();
        Representation moved = new Representation(null, copy.asReadOnlyBuffer(), etag, lastModified, headers);
        moved.format = format();
        return moved;
    }

    /** The body's format, sniffed from its bytes once. */
    ImageFormat format() {
        ImageFormat known = format;
        if (known == null) {
            known = ImageFormat.sniff(body());
            format = known;
        }
        return known;
    }

    /** Whether the body lives outside the heap, in a direct buffer. */
    public boolean offHeap() {
        return direct != null;
    }

    /** The body's length in bytes, on or off the heap. */
    public int length() {
        return body != null ? body.length : direct.capacity();
    }

    /**
     * The body as a read-only buffer of its own (position 0, limit {@link #length()}): a view, not a copy; a direct
     * buffer when the body lives {@link #offHeap() off the heap}.
     */
    public ByteBuffer content() {
        return body != null ? ByteBuffer.wrap(body).asReadOnlyBuffer() : direct.duplicate();
    }

    /**
     * The body as an array: the stored one on the heap, but a new copy of an {@link #offHeap()} body, so the hit
     * path asks for {@link #content()} instead and only work done once per entry (optimising it) asks for this.
     */
    public byte[] body() {
        return array(body, direct);
    }

    /** {@code body} when the bytes are on the heap, else a new heap copy of the whole {@code direct} buffer. */
    static byte[] array(byte[] body, ByteBuffer direct) {
        if (body != null) {
            return body;
        }
        byte[] copy = new byte[direct.capacity()];
        direct.duplicate().get(copy);
        return copy;
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
        block.add(new Header("Content-Length", Integer.toString(length())));
        List<Header> made = List.copyOf(block);
        lastWhole = new WholeAnswer(current, outcome, made);
        return made;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Representation that && content().equals(that.content())
                && etag.equals(that.etag) && lastModified.equals(that.lastModified) && headers.equals(that.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(etag, lastModified, headers, length());
    }

    @Override
    public String toString() {
        return "Representation[" + length() + " bytes" + (offHeap() ? " off-heap" : "") + ", etag=" + etag + ", headers=" + headers + "]";
    }
}
