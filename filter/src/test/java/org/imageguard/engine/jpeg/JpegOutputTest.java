package org.imageguard.engine.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link JpegOutput#toByteArray} builds its array from a copy of the input when the pieces end with one run of it;
 * whichever way it goes, the bytes are the pieces one after the other.
 */
class JpegOutputTest {

    /**
     * Pieces are drawn as (kind, a, b): kind 0 copies input [min, max), kind 1 adds a new segment whose payload is
     * {@code a} bytes, kind 2 copies the input right after the previous copy (extending a run).
     */
    @Property(seed = "20261204", tries = 500)
    void bytesAreThePiecesInOrder(@ForAll @Size(min = 1, max = 300) byte[] input,
                                  @ForAll @Size(max = 8) List<@IntRange(max = 2) Integer> kinds,
                                  @ForAll @Size(min = 16, max = 16) List<@IntRange(max = 299) Integer> numbers) {
        JpegOutput out = new JpegOutput(input);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int next = 0;
        for (int i = 0; i < kinds.size(); i++) {
            int a = numbers.get(2 * i) % (input.length + 1);
            int b = numbers.get(2 * i + 1) % (input.length + 1);
            switch (kinds.get(i)) {
                case 0 -> {
                    int from = Math.min(a, b);
                    int to = Math.max(a, b);
                    out.copy(new JpegSegment(JpegSegment.Kind.SCAN_DATA, -1, from, to));
                    expected.write(input, from, to - from);
                    next = to;
                }
                case 1 -> {
                    byte[] payload = new byte[a];
                    java.util.Arrays.fill(payload, (byte) (i + 1));
                    out.segment(0xE1, payload);
                    expected.write(0xFF);
                    expected.write(0xE1);
                    expected.write((a + 2) >>> 8);
                    expected.write((a + 2) & 0xFF);
                    expected.writeBytes(payload);
                }
                default -> {
                    int to = next + (input.length - next) * b / (input.length + 1);
                    out.copy(new JpegSegment(JpegSegment.Kind.SCAN_DATA, -1, next, to));
                    expected.write(input, next, to - next);
                    next = to;
                }
            }
        }
        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    }
}
