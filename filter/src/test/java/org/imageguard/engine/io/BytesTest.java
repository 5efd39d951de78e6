package org.imageguard.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BytesTest {

    @Property(seed = "20261203")
    void indexOfFfFindsWhatAByteByByteSearchFinds(@ForAll @Size(max = 80) byte[] data,
                                                  @ForAll @IntRange(max = 80) int from,
                                                  @ForAll @IntRange(max = 80) int to) {
        int start = Math.min(from, data.length);
        int end = Math.max(start, Math.min(to, data.length));
        assertThat(Bytes.indexOfFf(data, start, end)).isEqualTo(naive(data, start, end));
    }

    @Test
    void findsAnFfInEveryLanePositionAndNotPastTheEnd() {
        for (int at = 0; at < 24; at++) {
            byte[] data = new byte[24];
            data[at] = (byte) 0xFF;
            assertThat(Bytes.indexOfFf(data, 0, 24)).as("FF at %d", at).isEqualTo(at);
            assertThat(Bytes.indexOfFf(data, 0, at)).as("search ending before %d", at).isEqualTo(-1);
        }
    }

    @Test
    void bytesNextToFfAreNotMistakenForIt() {
        // 0xFE and 0x7F differ from 0xFF by one bit: a faulty bit trick would report them.
        byte[] data = {(byte) 0xFE, 0x7F, (byte) 0xFE, (byte) 0xFE, 0x00, (byte) 0x80, (byte) 0xFE, 0x7F,
                (byte) 0xFE, (byte) 0xFF};
        assertThat(Bytes.indexOfFf(data, 0, data.length)).isEqualTo(9);
    }

    private static int naive(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == (byte) 0xFF) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aPrefixIsTheArrayItselfWhenWholeAndACopyOfExactlyItsBytesOtherwise() {
        byte[] buffer = {1, 2, 3, 4, 5};
        assertThat(Bytes.prefix(buffer, 5)).isSameAs(buffer);
        byte[] head = Bytes.prefix(buffer, 3);
        assertThat(head).containsExactly(1, 2, 3);
        buffer[0] = 9;
        assertThat(head[0]).as("a copy, not a view").isEqualTo((byte) 1);
        assertThat(Bytes.prefix(buffer, 0)).isEmpty();
    }
}
