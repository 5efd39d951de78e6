package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.AsyncContent;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.junit.jupiter.api.Test;

/**
 * The origin's body as the proxy reads it, chunk by chunk as an origin sends them ({@link AsyncContent} stands in
 * for the origin): nothing completes before its bytes are there, and what was peeked or buffered past a limit is
 * read again in front of the rest, so the body stays whole.
 */
class OriginBodyTest {

    private final AsyncContent origin = new AsyncContent();
    private final List<Throwable> givenUp = new ArrayList<>();
    private final OriginBody body = OriginBody.of(origin, givenUp::add);

    private void send(String text, boolean last) {
        origin.write(last, ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), Callback.NOOP);
    }

    /** Reads the body to its end; every chunk is there already, so no demand is needed. */
    private String rest() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            Content.Chunk chunk = body.read();
            assertThat(chunk).as("a chunk already sent").isNotNull();
            if (Content.Chunk.isFailure(chunk)) {
                throw new IOException(chunk.getFailure());
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            byte[] array = new byte[bytes.remaining()];
            bytes.get(array);
            out.write(array);
            chunk.release();
            if (chunk.isLast()) {
                return out.toString(StandardCharsets.US_ASCII);
            }
        }
    }

    @Test
    void aPeekWaitsForTheFirstBytesTakesAtMostItsShareOfOneChunkAndLeavesTheBodyWhole() throws Exception {
        CompletableFuture<byte[]> head = new CompletableFuture<>();
        body.peek(4, Promise.from(head));
        assertThat(head).as("nothing sent yet").isNotDone();

        send("", false); // an empty chunk says nothing
        assertThat(head).isNotDone();
        send("abcdefgh", false);
        send("ijk", true);

        assertThat(new String(head.get(), StandardCharsets.US_ASCII)).isEqualTo("abcd");
        assertThat(rest()).isEqualTo("abcdefghijk");
    }

    @Test
    void aShortFirstChunkGivesAShortPeek() throws Exception {
        CompletableFuture<byte[]> head = new CompletableFuture<>();
        send("ab", false);
        body.peek(12, Promise.from(head));
        assertThat(new String(head.get(), StandardCharsets.US_ASCII)).isEqualTo("ab");
        send("cd", true);
        assertThat(rest()).isEqualTo("abcd");
    }

    @Test
    void aBodyWithinTheLimitIsBufferedWholeOnceItsLastChunkCame() throws Exception {
        CompletableFuture<OriginBody.Buffered> buffered = new CompletableFuture<>();
        body.buffer(10, true, Promise.from(buffered));
        send("0123", false);
        send("4567", false);
        assertThat(buffered).as("the body goes on").isNotDone();
        send("89", true);

        assertThat(buffered.get().whole()).isTrue();
        assertThat(new String(buffered.get().bytes(), StandardCharsets.US_ASCII)).isEqualTo("0123456789");
    }

    @Test
    void aBodyOfUnknownLengthGetsAnArrayAsLongAsItself() throws Exception {
        CompletableFuture<OriginBody.Buffered> buffered = new CompletableFuture<>();
        send("01234", false);
        send("", true);
        body.buffer(1 << 20, false, Promise.from(buffered));
        assertThat(buffered.get().bytes()).hasSize(5);
    }

    @Test
    void aBodyPastTheLimitStopsThereAndReadsWholeAgain() throws Exception {
        CompletableFuture<OriginBody.Buffered> buffered = new CompletableFuture<>();
        body.buffer(10, false, Promise.from(buffered));
        send("0123456", false);
        send("789abcd", false); // the limit falls inside this chunk
        assertThat(buffered.get().whole()).isFalse();
        assertThat(new String(buffered.get().bytes(), StandardCharsets.US_ASCII)).isEqualTo("0123456789");

        send("efg", true);
        assertThat(rest()).isEqualTo("0123456789abcdefg");
    }

    @Test
    void aBodyExactlyAtTheLimitIsWholeWhenItEndsThere() throws Exception {
        CompletableFuture<OriginBody.Buffered> buffered = new CompletableFuture<>();
        body.buffer(4, true, Promise.from(buffered));
        send("0123", false);
        assertThat(buffered).as("one more byte would overflow it").isNotDone();
        send("", true);
        assertThat(buffered.get().whole()).isTrue();
    }

    @Test
    void anyFailedReadIsAnIOExceptionSoTheProxyTellsItFromItsOwnFailures() {
        CompletableFuture<OriginBody.Buffered> buffered = new CompletableFuture<>();
        body.buffer(10, false, Promise.from(buffered));
        send("01", false);
        origin.fail(new TimeoutException("Total timeout 1000 ms elapsed"));

        assertThat(buffered).isCompletedExceptionally();
        Throwable failure = buffered.handle((ok, x) -> x).join();
        assertThat(failure).isInstanceOf(IOException.class).hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void aBodyGivenUpBeforeItsEndIsAbortedButOneReadToItsEndIsLeftAlone() throws Exception {
        send("01", false);
        body.read().release();
        body.fail(new IOException("done with it"));
        assertThat(givenUp).hasSize(1);

        AsyncContent source = new AsyncContent();
        OriginBody read = OriginBody.of(source, givenUp::add);
        source.write(true, ByteBuffer.wrap(new byte[] {1}), Callback.NOOP);
        read.read().release();
        read.fail(new IOException("done with it"));
        assertThat(givenUp).as("read to its end: its connection may serve the next request").hasSize(1);
    }
}
