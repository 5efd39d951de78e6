package org.imageguard.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.imageguard.http.HttpAnswer;

/**
 * Writes a response body without holding a thread while the client reads: one slice goes to Jetty's non-blocking
 * {@link Response#write}, and the next is produced only when Jetty calls back that the previous one has gone out. A
 * client reading a byte a second therefore costs a connection and a buffer, not a thread; the thread returns to the
 * pool as soon as the socket's send buffer is full.
 *
 * <p>Slices are {@link HttpAnswer#WRITE_SLICE} bytes at most: the JDK copies each heap slice into a temporary direct
 * buffer as large as the slice, so whole images in one write would turn a burst of large answers into an
 * OutOfMemoryError ("Direct buffer memory"). The last slice of a body held in memory is the last write (a body of
 * one slice is one write). A body already in a direct buffer needs none of this: {@link PublicHandler} writes it
 * whole, in one write that Jetty gathers with the headers and the socket takes without a copy.
 *
 * <pre>{@code
 * BodyWriter.of(answer.body(), answer.offset(), answer.length(), response, callback).iterate();
 * }</pre>
 */
final class BodyWriter extends IteratingCallback {

    /** Where the slices come from. */
    private interface Slices {
        /** The next slice, or null at the end of the body. */
        ByteBuffer next() throws IOException;

        /** Whether the slice just returned was the last: it then goes out as the last write, with no empty one after. */
        default boolean atEnd() {
            return false;
        }
    }

    private final Slices slices;
    private final Response response;
    private final Callback done;
    private boolean lastWritten;

    private BodyWriter(Slices slices, Response response, Callback done) {
        this.slices = slices;
        this.response = response;
        this.done = done;
    }

    /** A body held in memory: {@code length} bytes of {@code body} from {@code offset}; the array is not copied. */
    static BodyWriter of(byte[] body, int offset, int length, Response response, Callback done) {
        int end = offset + length;
        return new BodyWriter(new Slices() {
            private int at = offset;

            @Override
            public ByteBuffer next() {
                if (at >= end) {
                    return null;
                }
                int n = Math.min(HttpAnswer.WRITE_SLICE, end - at);
                ByteBuffer slice = ByteBuffer.wrap(body, at, n).asReadOnlyBuffer();
                at += n;
                return slice;
            }

            @Override
            public boolean atEnd() {
                return at >= end;
            }
        }, response, done);
    }

    @Override
    protected Action process() throws IOException {
        if (lastWritten) {
            return Action.SUCCEEDED;
        }
        ByteBuffer slice = slices.next();
        if (slice == null) {
            lastWritten = true;
            response.write(true, BufferUtil.EMPTY_BUFFER, this);
        } else {
            lastWritten = slices.atEnd(); // a body of one slice is one write
            response.write(lastWritten, slice, this);
        }
        return Action.SCHEDULED;
    }

    @Override
    protected void onCompleteSuccess() {
        done.succeeded();
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        done.failed(cause);
    }
}
