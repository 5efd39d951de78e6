package org.imageguard.engine.jpeg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.imageguard.engine.io.Bytes;
import org.imageguard.engine.io.GatheredOutput;

/**
 * The rewritten file as a list of pieces (slices of the input, new segments) whose exact size is known before one
 * array is allocated and filled.
 *
 * <pre>{@code
 * JpegOutput out = new JpegOutput(input);
 * out.copy(segment);
 * out.segment(0xE1, XMP_ID, packet);
 * byte[] bytes = out.toByteArray();
 * }</pre>
 */
final class JpegOutput {

    private interface Piece {
        int size();

        void write(byte[] out, int at);

        void addTo(GatheredOutput out);
    }

    private record Slice(byte[] source, int from, int length) implements Piece {
        public int size() {
            return length;
        }

        public void write(byte[] out, int at) {
            System.arraycopy(source, from, out, at, length);
        }

        public void addTo(GatheredOutput out) {
            out.add(source, from, length);
        }
    }

    /** FF marker u16-length, then the parts of the payload one after the other. */
    private record NewSegment(int marker, byte[][] parts, int payloadLength) implements Piece {
        public int size() {
            return JpegSegment.HEADER + payloadLength;
        }

        public void write(byte[] out, int at) {
            out[at] = (byte) 0xFF;
            out[at + 1] = (byte) marker;
            Bytes.putU16be(out, at + 2, payloadLength + 2);
            int pos = at + JpegSegment.HEADER;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, out, pos, part.length);
                pos += part.length;
            }
        }

        public void addTo(GatheredOutput out) {
            byte[] header = new byte[JpegSegment.HEADER];
            header[0] = (byte) 0xFF;
            header[1] = (byte) marker;
            Bytes.putU16be(header, 2, payloadLength + 2);
            out.add(header);
            for (byte[] part : parts) {
                out.add(part);
            }
        }
    }

    private final byte[] input;
    private final List<Piece> pieces = new ArrayList<>();
    private long size;

    JpegOutput(byte[] input) {
        this.input = input;
    }

    /** Copies a record as it was. */
    void copy(JpegSegment segment) {
        add(new Slice(input, segment.offset(), segment.size()));
    }

    /**
     * Adds a new marker segment whose payload is {@code parts} in order.
     *
     * @throws IllegalStateException when the payload does not fit one segment (the caller sizes it)
     */
    void segment(int marker, byte[]... parts) {
        long payload = 0;
        for (byte[] part : parts) {
            payload += part.length;
        }
        if (payload > JpegSegment.MAX_PAYLOAD) {
            throw new IllegalStateException(String.format("a %d-byte payload does not fit segment 0xFF%02X",
                    payload, marker));
        }
        add(new NewSegment(marker, parts.clone(), (int) payload));
    }

    private void add(Piece piece) {
        size += piece.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("rewritten JPEG larger than 2 GB");
        }
        pieces.add(piece);
    }

    /** The pieces, by reference: the new segments' bytes and slices of the input. */
    GatheredOutput gathered() {
        GatheredOutput gathered = new GatheredOutput();
        for (Piece piece : pieces) {
            piece.addTo(gathered);
        }
        return gathered;
    }

    /**
     * The pieces in one new array. The pieces after the new metadata are usually one run of the input (tables, frame,
     * scans, EOI: nearly all of the bytes). When the pieces before that run are no longer than the input before it,
     * the array is made by copying the input from that far before the run ({@link Arrays#copyOfRange}, which need not
     * zero the array first) and the pieces before the run are written over its start; otherwise every piece is
     * copied into a new, zeroed array.
     */
    byte[] toByteArray() {
        int runStart = pieces.size();
        int runFrom = -1;
        long runBytes = 0;
        while (runStart > 0 && pieces.get(runStart - 1) instanceof Slice slice && slice.source() == input
                && (runFrom < 0 || slice.from() + slice.length() == runFrom)) {
            runFrom = slice.from();
            runBytes += slice.length();
            runStart--;
        }
        int before = (int) (size - runBytes);
        byte[] out;
        int end;
        if (runBytes > 0 && before <= runFrom) {
            out = Arrays.copyOfRange(input, runFrom - before, runFrom - before + (int) size);
            end = runStart;
        } else {
            out = new byte[(int) size];
            end = pieces.size();
        }
        int at = 0;
        for (int i = 0; i < end; i++) {
            Piece piece = pieces.get(i);
            piece.write(out, at);
            at += piece.size();
        }
        return out;
    }
}
