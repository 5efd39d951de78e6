package org.imageguard.engine.io;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An output assembled from pieces of the input and a few new arrays, referenced (not copied) until
 * {@link #toByteArray} copies them once into an array of the exact size: a rewrite then holds the input and one
 * output, the two copies the in-flight budget reserves per image, where a growing buffer and its trimmed copy would
 * make three.
 *
 * <pre>{@code
 * GatheredOutput out = new GatheredOutput();
 * out.add(input, boxStart, boxLength);   // a kept box, by reference
 * out.add(newXmpBox);                    // a new one
 * byte[] file = out.toByteArray();
 * }</pre>
 *
 * The referenced arrays must not change before {@link #toByteArray}.
 */
public final class GatheredOutput {

    private record Piece(byte[] array, int offset, int length) {
    }

    private final List<Piece> pieces = new ArrayList<>();
    private long size;

    /** A whole array. */
    public void add(byte[] array) {
        add(array, 0, array.length);
    }

    /** {@code length} bytes of {@code array} from {@code offset}; the caller has checked the bounds. */
    public void add(byte[] array, int offset, int length) {
        int last = pieces.size() - 1;
        Piece previous = last < 0 ? null : pieces.get(last);
        if (previous != null && previous.array() == array && previous.offset() + previous.length() == offset) {
            pieces.set(last, new Piece(array, previous.offset(), previous.length() + length)); // adjacent: one copy
        } else {
            pieces.add(new Piece(array, offset, length));
        }
        size += length;
    }

    /**
     * The pieces in order as read-only buffers over the arrays (nothing copied), for a gathering write.
     */
    public List<ByteBuffer> buffers() {
        List<ByteBuffer> buffers = new ArrayList<>(pieces.size());
        for (Piece piece : pieces) {
            buffers.add(ByteBuffer.wrap(piece.array(), piece.offset(), piece.length()).asReadOnlyBuffer());
        }
        return buffers;
    }

    /** The bytes added so far. */
    public long size() {
        return size;
    }

    /**
     * The pieces in order, in one new array.
     *
     * @throws IllegalStateException when they add up to 2 GB or more (no Java array holds that)
     */
    public byte[] toByteArray() {
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("expected an output below 2 GB, found " + size + " bytes");
        }
        byte[] out = new byte[(int) size];
        int at = 0;
        for (Piece piece : pieces) {
            System.arraycopy(piece.array(), piece.offset(), out, at, piece.length());
            at += piece.length();
        }
        return out;
    }
}
