package org.imageguard.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.imageguard.engine.io.Bytes;
import org.imageguard.http.HttpAnswer;

/**
 * An origin's body, read without holding a thread: Jetty's demand-driven {@link Content.Source}, where a read that
 * finds nothing yet registers a callback for when the origin sends more, and the thread goes back to the pool. An
 * origin that sends its body a byte a second costs a connection and a buffer, not a thread. This class only moves
 * bytes; what to do with them ({@link org.imageguard.http.RewriteDecision}) is the caller's:
 *
 * <ul>
 * <li>{@link #peek}: the first bytes of the first chunk, put back so the body stays whole;</li>
 * <li>{@link #buffer}: a candidate's body into one array, up to a limit; past it, what was read is put back in
 *     front of the rest, which stays readable;</li>
 * <li>{@link #relay}: whatever is left to the client as the origin sends it, one chunk in flight at a time
 *     ({@link Content#copy}, as Jetty's own proxy handler does).</li>
 * </ul>
 * A failed read (the origin broke off, {@code origin.timeout} elapsed) is an {@link IOException}, whatever the
 * source's own exception: the caller tells the origin's failures from its own by that. {@link #fail} gives the
 * source up (an upstream response is aborted, a file closed), unless it was read to its end.
 *
 * <pre>{@code
 * OriginBody body = OriginBody.of(source, response::abort);
 * body.peek(12, Promise.from(head -> { ...; body.relay(response, callback); }, callback::failed));
 * }</pre>
 */
final class OriginBody implements Content.Source {

    /** A body of unknown length starts in an array this large and doubles it, up to the limit. */
    private static final int FIRST_ARRAY = 64 * 1024;

    private final Content.Source source;
    private final Consumer<Throwable> giveUp;
    /** Bytes put back in front (a buffered head), handed out {@link HttpAnswer#WRITE_SLICE} at a time; guarded. */
    private ByteBuffer heldBytes;
    /** A chunk put back in front, after {@link #heldBytes}; guarded by this. */
    private Content.Chunk heldChunk;
    /** The last chunk was handed out: the source is done (and an upstream connection may serve another request). */
    private boolean ended;

    private OriginBody(Content.Source source, Consumer<Throwable> giveUp) {
        this.source = source;
        this.giveUp = giveUp;
    }

    /** {@code source}, which {@link #fail} fails. */
    static OriginBody of(Content.Source source) {
        return new OriginBody(source, source::fail);
    }

    /** {@code source}, given up by {@code giveUp} (an upstream response's abort) rather than by failing it. */
    static OriginBody of(Content.Source source, Consumer<Throwable> giveUp) {
        return new OriginBody(source, giveUp);
    }

    @Override
    public Content.Chunk read() {
        synchronized (this) {
            if (heldBytes != null) {
                ByteBuffer slice = heldBytes.slice();
                slice.limit(Math.min(slice.remaining(), HttpAnswer.WRITE_SLICE));
                heldBytes.position(heldBytes.position() + slice.remaining());
                if (!heldBytes.hasRemaining()) {
                    heldBytes = null;
                }
                return Content.Chunk.from(slice.asReadOnlyBuffer(), false);
            }
            if (heldChunk != null) {
                Content.Chunk chunk = heldChunk;
                heldChunk = null;
                ended = chunk.isLast();
                return chunk;
            }
            if (ended) {
                return Content.Chunk.EOF;
            }
        }
        Content.Chunk chunk = source.read();
        if (chunk == null) {
            return null;
        }
        if (Content.Chunk.isFailure(chunk) && !(chunk.getFailure() instanceof IOException)) {
            // A timeout or an abort: the origin's failure all the same, and read as one.
            Throwable cause = chunk.getFailure();
            chunk = Content.Chunk.from(new IOException(String.valueOf(cause.getMessage()), cause), chunk.isLast());
        }
        if (chunk.isLast()) {
            synchronized (this) {
                ended = true;
            }
        }
        return chunk;
    }

    @Override
    public void demand(Runnable demandCallback) {
        boolean held;
        synchronized (this) {
            held = heldBytes != null || heldChunk != null || ended;
        }
        if (held) {
            demandCallback.run();
        } else {
            source.demand(demandCallback);
        }
    }

    /** Drops what was put back, and gives the source up unless it was read to its end. */
    @Override
    public void fail(Throwable failure) {
        Content.Chunk chunk;
        boolean done;
        synchronized (this) {
            chunk = heldChunk;
            heldChunk = null;
            heldBytes = null;
            done = ended && chunk == null;
            ended = true;
        }
        if (chunk != null) {
            chunk.release();
        }
        if (!done) {
            giveUp.accept(failure);
        }
    }

    /** Puts {@code chunk}, partly read or not, back in front of the body; it is released once read or failed. */
    private synchronized void putBack(Content.Chunk chunk) {
        heldChunk = chunk;
        ended = false;
    }

    /**
     * The first bytes of the body: at most {@code max} bytes of its first chunk that has any, without waiting for
     * more; fewer (even none) when the first chunk is short or the body empty. The chunk is put back unread.
     */
    void peek(int max, Promise<byte[]> head) {
        Content.Chunk chunk = read();
        while (chunk != null && !Content.Chunk.isFailure(chunk) && !chunk.hasRemaining() && !chunk.isLast()) {
            chunk.release(); // an empty chunk says nothing
            chunk = read();
        }
        if (chunk == null) {
            demand(() -> peek(max, head));
            return;
        }
        if (Content.Chunk.isFailure(chunk)) {
            head.failed(chunk.getFailure());
            return;
        }
        ByteBuffer bytes = chunk.getByteBuffer().slice();
        byte[] first = new byte[Math.min(max, bytes.remaining())];
        bytes.get(first);
        putBack(chunk);
        head.succeeded(first);
    }

    /** A body read into memory: all of it, or (when it went on past the limit) its first bytes, the rest unread. */
    record Buffered(byte[] bytes, boolean whole) {
    }

    /**
     * Reads the body into one array, up to {@code limit} bytes. A body that goes on past the limit completes as not
     * {@link Buffered#whole() whole}, with its first {@code limit} bytes, which are put back in front of the rest:
     * this body then reads whole again. With {@code exact} (the Content-Length is the limit) the array is allocated
     * once at its final size; otherwise it grows by doubling and is trimmed to the body at the end.
     */
    void buffer(int limit, boolean exact, Promise<Buffered> buffered) {
        new Filler(limit, exact, buffered).run();
    }

    /** Reads as far as the origin has sent, then waits (without a thread) for the rest. */
    private final class Filler implements Runnable {

        private final int limit;
        private final Promise<Buffered> buffered;
        private byte[] array;
        private int length;

        Filler(int limit, boolean exact, Promise<Buffered> buffered) {
            this.limit = limit;
            this.buffered = buffered;
            this.array = new byte[exact ? limit : Math.min(limit, FIRST_ARRAY)];
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = read();
                if (chunk == null) {
                    demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    array = null;
                    buffered.failed(chunk.getFailure());
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                if (bytes.hasRemaining() && length == limit) {
                    overflow(chunk);
                    return;
                }
                int n = Math.min(bytes.remaining(), limit - length);
                if (length + n > array.length) {
                    array = Arrays.copyOf(array, (int) Math.min(limit, Math.max(2L * array.length, length + n)));
                }
                bytes.get(array, length, n);
                length += n;
                if (bytes.hasRemaining()) {
                    overflow(chunk);
                    return;
                }
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    buffered.succeeded(new Buffered(Bytes.prefix(array, length), true));
                    return;
                }
            }
        }

        /** Past the limit: the array (full) and the rest of {@code chunk} go back in front of the body. */
        private void overflow(Content.Chunk chunk) {
            putBack(chunk);
            synchronized (OriginBody.this) {
                heldBytes = ByteBuffer.wrap(array, 0, length);
            }
            buffered.succeeded(new Buffered(array, false));
        }
    }

    /**
     * Sends the rest of the body to the client as it comes, without holding a thread while the origin or the client
     * is slow; {@code callback} completes when the last chunk has been written, or fails with the read's or the
     * write's failure.
     */
    void relay(Response response, Callback callback) {
        Content.copy(this, response, callback);
    }
}
