package org.imageguard.filter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;

/**
 * A writer that encodes every write at once and holds back nothing but the first half of a surrogate pair. An
 * {@link java.io.OutputStreamWriter} keeps up to 8 KB of encoded text until flushed; an asynchronous servlet that
 * writes and then calls {@code AsyncContext.complete()} never flushes the wrapper's writer, and those bytes would be
 * lost. Unencodable characters become the charset's replacement, as with the container's own writer.
 */
final class ImmediateWriter extends Writer {

    private final OutputStream out;
    private final CharsetEncoder encoder;
    private char pendingHighSurrogate;
    private boolean pending;

    ImmediateWriter(OutputStream out, Charset charset) {
        this.out = out;
        this.encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        if (len <= 0) {
            return;
        }
        CharBuffer text = CharBuffer.allocate(len + 1);
        if (pending) {
            text.put(pendingHighSurrogate);
            pending = false;
        }
        int end = off + len;
        if (Character.isHighSurrogate(chars[end - 1])) {
            pendingHighSurrogate = chars[end - 1];
            pending = true;
            end--;
        }
        text.put(chars, off, end - off).flip();
        encodeAndWrite(text);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (pending) {
            pending = false;
            encodeAndWrite(CharBuffer.wrap(new char[] {pendingHighSurrogate}));
        }
        out.close();
    }

    private void encodeAndWrite(CharBuffer text) throws IOException {
        if (!text.hasRemaining()) {
            return;
        }
        ByteBuffer bytes = encoder.encode(text);
        out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    }
}
