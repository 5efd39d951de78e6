package org.imageguard.engine.io;

import java.io.ByteArrayOutputStream;

/**
 * An output buffer of a size known in advance that hands over its own array: {@link ByteArrayOutputStream#toByteArray}
 * copies, and for a multi-megabyte image that copy is a third image-sized array next to the input and the output,
 * one more than the in-flight budget reserves per image.
 *
 * <pre>{@code
 * ExactOutput out = new ExactOutput(size);
 * out.write(input, start, length); ...
 * return out.result(); // the array itself, exactly size bytes
 * }</pre>
 */
public final class ExactOutput extends ByteArrayOutputStream {

    public ExactOutput(int size) {
        super(size);
    }

    /**
     * Overwrites bytes already written: a forward pointer (TIFF's next-directory link) filled in once its target is
     * placed.
     *
     * @throws IndexOutOfBoundsException when the range was not written yet
     */
    public void patch(int at, byte[] bytes) {
        java.util.Objects.checkFromIndexSize(at, bytes.length, count);
        System.arraycopy(bytes, 0, buf, at, bytes.length);
    }

    /**
     * The bytes written, without a copy.
     *
     * @throws IllegalStateException when fewer or more bytes were written than announced (a writer's bug: its size
     *                               computation and its writing disagree)
     */
    public byte[] result() {
        if (count != buf.length) {
            throw new IllegalStateException("expected " + buf.length + " bytes written, found " + count);
        }
        return buf;
    }
}
