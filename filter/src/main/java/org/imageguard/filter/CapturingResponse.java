package org.imageguard.filter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.imageguard.engine.ImageFormat;
import org.imageguard.http.Exchange;
import org.imageguard.http.HttpAnswer;
import org.imageguard.http.Header;
import org.imageguard.http.OriginResponse;
import org.imageguard.http.RewriteDecision;

/**
 * The response as the servlet behind the filter writes it. Nothing is decided until the servlet writes its first
 * byte, flushes or finishes: by then its status and headers are known and {@link Exchange#decide} says whether the
 * body streams through untouched (most responses: written straight to the client, never held) or is buffered, up to
 * {@code max-image-size}, for a rewrite. While buffering nothing may commit the response, so {@code flushBuffer} and
 * {@code flush} do nothing and {@code Content-Length} is held back (the rewrite changes it).
 *
 * <p>A declared non-image type ({@link RewriteDecision#PEEK}) is judged by the servlet's first write: if it starts
 * with JPEG, PNG, GIF or WebP magic the response buffers from that write on, else it streams from that write on.
 * A first write too short for the magic (under 12 bytes, e.g. {@code write(int)}; at most
 * {@link ImageFormat#MAGIC_BYTES} are looked at), or a flush before any byte, is taken for what its type says: it
 * streams.
 *
 * <p>{@code sendError}, {@code sendRedirect} and {@code reset} after a decision hand the response back to the
 * container ({@link RewriteDecision#HANDED_OVER}): everything from then on passes through. Once the servlet is done
 * the exchange is {@link RewriteDecision#FINISHED}. All the state is the exchange's; the buffer exists only while it
 * is {@link RewriteDecision#BUFFER}. All methods that touch the state are synchronized, because an asynchronous
 * servlet may write from another thread than the one that ran the filter.
 */
final class CapturingResponse extends HttpServletResponseWrapper {

    private static final byte[] NO_BYTES = new byte[0];

    private final HttpServletResponse real;
    private final Exchange exchange;
    private final LongAdder bufferedBytes;
    private final FilterMetrics metrics;
    private long contentLength = -1;
    private Buffer buffer;
    private CapturingStream stream;
    private PrintWriter writer;

    CapturingResponse(HttpServletResponse real, Exchange exchange, LongAdder bufferedBytes, FilterMetrics metrics) {
        super(real);
        this.real = real;
        this.exchange = exchange;
        this.bufferedBytes = bufferedBytes;
        this.metrics = metrics;
    }

    // ---- Content-Length is held back until we know whether we keep the origin's body.

    @Override
    public synchronized void setContentLength(int len) {
        setContentLengthLong(len);
    }

    @Override
    public synchronized void setContentLengthLong(long len) {
        if (forwardsHeaders()) {
            super.setContentLengthLong(len);
        } else {
            contentLength = len < 0 ? -1 : len;
        }
    }

    @Override
    public synchronized void setHeader(String name, String value) {
        if (isContentLength(name)) {
            setContentLengthLong(parseLength(value));
        } else {
            super.setHeader(name, value);
        }
    }

    @Override
    public synchronized void addHeader(String name, String value) {
        if (isContentLength(name)) {
            setContentLengthLong(parseLength(value));
        } else {
            super.addHeader(name, value);
        }
    }

    @Override
    public synchronized void setIntHeader(String name, int value) {
        if (isContentLength(name)) {
            setContentLengthLong(value);
        } else {
            super.setIntHeader(name, value);
        }
    }

    @Override
    public synchronized void addIntHeader(String name, int value) {
        if (isContentLength(name)) {
            setContentLengthLong(value);
        } else {
            super.addIntHeader(name, value);
        }
    }

    @Override
    public synchronized boolean containsHeader(String name) {
        return isContentLength(name) && !forwardsHeaders() ? contentLength >= 0 : super.containsHeader(name);
    }

    @Override
    public synchronized String getHeader(String name) {
        if (isContentLength(name) && !forwardsHeaders()) {
            return contentLength >= 0 ? Long.toString(contentLength) : null;
        }
        return super.getHeader(name);
    }

    // ---- Body.

    @Override
    public synchronized ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() has already been called on this response");
        }
        if (stream == null) {
            stream = new CapturingStream();
        }
        return stream;
    }

    @Override
    public synchronized PrintWriter getWriter() {
        if (writer == null) {
            if (stream != null) {
                throw new IllegalStateException("getOutputStream() has already been called on this response");
            }
            stream = new CapturingStream();
            writer = new PrintWriter(new ImmediateWriter(stream, Charset.forName(getCharacterEncoding())));
        }
        return writer;
    }

    @Override
    public synchronized void flushBuffer() throws IOException {
        flushWriter();
        flush(true);
    }

    @Override
    public synchronized void resetBuffer() {
        if (buffer != null) {
            buffer.reset();
        }
        super.resetBuffer();
    }

    @Override
    public synchronized void reset() {
        if (exchange.state() != RewriteDecision.UNDECIDED) {
            // The decision was made on headers the servlet now throws away: stop interfering.
            exchange.handOver();
        }
        dropBuffer();
        contentLength = -1;
        super.reset();
    }

    @Override
    public synchronized void sendError(int sc, String msg) throws IOException {
        if (sc == HttpServletResponse.SC_NOT_MODIFIED) {
            notModified();
            return;
        }
        if (exchange.replacesErrors() && exchange.state() == RewriteDecision.UNDECIDED) {
            // robots.txt missing behind the filter: the error page would be replaced anyway, so never render it.
            real.setStatus(sc);
            finish();
            return;
        }
        handOver();
        super.sendError(sc, msg);
    }

    @Override
    public synchronized void sendError(int sc) throws IOException {
        sendError(sc, null);
    }

    /**
     * Jetty's DefaultServlet answers a matching precondition with {@code sendError(304)}. A 304 is no error page: it
     * is kept as a status, so the answer to our own revalidation can still be ours.
     */
    private void notModified() throws IOException {
        if (exchange.state() != RewriteDecision.UNDECIDED) {
            super.sendError(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        real.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
        finish();
    }

    @Override
    public synchronized void sendRedirect(String location) throws IOException {
        handOver();
        super.sendRedirect(location);
    }

    /** The servlet is done (the filter chain returned, or it closed the stream): answer from what was captured. */
    synchronized void finish() throws IOException {
        if (exchange.finished()) {
            return;
        }
        flushWriter();
        try {
            if (!exchange.handedOver()) {
                answerWhatWasCaptured();
            }
        } finally {
            exchange.finish();
        }
    }

    private void answerWhatWasCaptured() throws IOException {
        decideIfUndecided();
        peekIfPeeking(NO_BYTES, 0, 0);
        if (exchange.state() == RewriteDecision.BUFFER) {
            byte[] body = buffer.bytes();
            buffer = null;
            long start = System.nanoTime();
            HttpAnswer answer = exchange.complete(body);
            metrics.rewritten(answer, body.length, System.nanoTime() - start);
            Answers.write(answer, real);
        } else if (exchange.state() == RewriteDecision.REVALIDATED) {
            Answers.write(exchange.revalidated(), real);
        }
    }

    /**
     * The servlet went asynchronous: its body may arrive later from another thread, after the filter has returned.
     * Rather than hold bytes nobody will finish, whatever is buffered goes out and the rest streams through.
     */
    synchronized void goAsync() throws IOException {
        if (exchange.finished() || exchange.handedOver()) {
            return;
        }
        // Nothing written yet to a declared non-image: it streams, whatever thread writes it later.
        peekIfPeeking(NO_BYTES, 0, 0);
        if (exchange.state() == RewriteDecision.BUFFER) {
            streamBuffered(exchange::abandon);
        } else if (exchange.state() == RewriteDecision.UNDECIDED) {
            handOver();
        }
    }

    /** The container takes the response back: a held-back Content-Length goes out, the buffer and budget go. */
    private void handOver() {
        if (!forwardsHeaders() && contentLength >= 0) {
            real.setContentLengthLong(contentLength);
        }
        exchange.handOver();
        buffer = null;
    }

    /** The buffer is gone (written out or thrown away): its share of the in-flight budget goes back at once. */
    private void dropBuffer() {
        buffer = null;
        exchange.close();
    }

    private synchronized void write(byte[] b, int off, int len) throws IOException {
        if (exchange.finished()) {
            throw new IOException("the response is already complete");
        }
        decideIfUndecided();
        peekIfPeeking(b, off, len);
        RewriteDecision state = exchange.state();
        if (state.streams()) {
            forward(b, off, len);
        } else if (state == RewriteDecision.BUFFER) {
            if ((long) buffer.size() + len > exchange.bufferLimit()) {
                streamBuffered(exchange::overflow);
                forward(b, off, len);
            } else {
                buffer.write(b, off, len);
                bufferedBytes.add(len);
            }
        }
        // REVALIDATED: the origin's 304 has no body worth keeping; NOT_MODIFIED: the client already has it;
        // REFUSED_BUSY: the 503 is out, the body is nobody's.
    }

    /**
     * Gives up buffering ({@link Exchange#overflow} or {@link Exchange#abandon}): the streaming headers, then what
     * was held, go out; the rest streams behind it.
     */
    private void streamBuffered(BiFunction<byte[], Integer, RewriteDecision> giveUp) throws IOException {
        Buffer held = buffer;
        giveUp.apply(held.array(), held.size());
        startStreaming();
        dropBuffer();
        forward(held.array(), 0, held.size());
    }

    private void decideIfUndecided() throws IOException {
        if (exchange.state() != RewriteDecision.UNDECIDED) {
            return;
        }
        follow(exchange.decide(originFacts()));
    }

    /** A declared non-image's first bytes (at most {@link ImageFormat#MAGIC_BYTES}) decide whether it buffers or streams. */
    private void peekIfPeeking(byte[] b, int off, int len) throws IOException {
        if (exchange.state() != RewriteDecision.PEEK) {
            return;
        }
        byte[] head = Arrays.copyOfRange(b, off, off + Math.min(len, ImageFormat.MAGIC_BYTES));
        follow(exchange.sniffHead(head, head.length));
    }

    /** Acts on a decision: answer 304, start streaming, or make room to buffer. PEEK waits for the first write. */
    private void follow(RewriteDecision state) throws IOException {
        if (state == RewriteDecision.NOT_MODIFIED) {
            Answers.write(exchange.notModified(), real);
        } else if (state == RewriteDecision.REFUSED_BUSY) {
            Answers.write(exchange.refusal(), real);
        } else if (state.streams()) {
            startStreaming();
        } else if (state == RewriteDecision.BUFFER) {
            // A known length is reserved already: one exact array, no doubling copies beyond the reservation.
            long expected = contentLength >= 0 ? Math.min(contentLength, exchange.bufferLimit()) : 8192;
            buffer = new Buffer((int) expected);
        }
    }

    private void startStreaming() {
        if (contentLength >= 0) {
            real.setContentLengthLong(contentLength);
        }
        for (Header header : exchange.streamingHeaders()) {
            real.setHeader(header.name(), header.value());
        }
    }

    private OriginResponse originFacts() {
        return new OriginResponse(real.getStatus(), real.getContentType(), real.getHeader("Content-Encoding"),
                String.join(", ", real.getHeaders("Cache-Control")), real.getHeader("ETag"),
                real.getHeader("Last-Modified"), contentLength, String.join(", ", real.getHeaders("Vary")),
                real.containsHeader("Set-Cookie"));
    }

    private void forward(byte[] b, int off, int len) throws IOException {
        if (!exchange.discardsStreamedBody()) {
            real.getOutputStream().write(b, off, len);
        }
    }

    private void flush(boolean commit) throws IOException {
        if (exchange.finished()) {
            return;
        }
        decideIfUndecided();
        // A flush before any byte commits the headers of what its type says: no image to sniff yet.
        peekIfPeeking(NO_BYTES, 0, 0);
        if (exchange.state().streams()) {
            if (commit) {
                real.flushBuffer();
            } else {
                real.getOutputStream().flush();
            }
        }
    }

    private void flushWriter() {
        if (writer != null) {
            writer.flush();
        }
    }

    private void close() throws IOException {
        finish();
        real.getOutputStream().close();
    }

    /** Streaming or handed over: the servlet's headers and bytes go straight to the client. */
    private boolean forwardsHeaders() {
        return exchange.state().streams();
    }

    private static boolean isContentLength(String name) {
        return "content-length".equalsIgnoreCase(name);
    }

    private static long parseLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Exposes its array so an overflow can write what it holds without copying it first. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(size);
        }

        byte[] array() {
            return buf;
        }

        /** The content, without a second copy when the array is exactly full (a body of its Content-Length). */
        byte[] bytes() {
            return count == buf.length ? buf : toByteArray();
        }
    }

    /** The stream the servlet writes to: every call goes through the response's state. */
    private final class CapturingStream extends ServletOutputStream {

        @Override
        public void write(int b) throws IOException {
            CapturingResponse.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            CapturingResponse.this.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            synchronized (CapturingResponse.this) {
                CapturingResponse.this.flush(false);
            }
        }

        @Override
        public void close() throws IOException {
            synchronized (CapturingResponse.this) {
                CapturingResponse.this.close();
            }
        }

        @Override
        public boolean isReady() {
            synchronized (CapturingResponse.this) {
                try {
                    return !forwardsHeaders() || real.getOutputStream().isReady();
                } catch (IOException e) {
                    return false;
                }
            }
        }

        /**
         * Non-blocking output is left to the container: the response is handed over and the listener registered on
         * the real stream, so such servlets work, unrewritten.
         */
        @Override
        public void setWriteListener(WriteListener listener) {
            synchronized (CapturingResponse.this) {
                try {
                    goAsync();
                    handOver();
                    real.getOutputStream().setWriteListener(listener);
                } catch (IOException e) {
                    listener.onError(e);
                }
            }
        }
    }
}
