package org.imageguard.engine.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link JpegSegmentReader#scanDataEnd}, whose walk switches between FF-to-FF steps and sixteen bytes at a time,
 * against a byte-by-byte reading of T.81 B.1.1.5: the end of entropy-coded data is the first FF followed by neither
 * 00 nor a restart marker.
 */
class ScanDataEndTest {

    @Property(seed = "20261204", tries = 500)
    void findsWhatAByteByByteWalkFinds(@ForAll("scanLike") byte[] data, @ForAll @IntRange(max = 40) int from) {
        int start = Math.min(from, data.length);
        assertThat(JpegSegmentReader.scanDataEnd(data, start)).isEqualTo(naive(data, start));
    }

    /**
     * Scan-like bytes built from tokens: plain bytes, stuffed FF 00 pairs (dense enough for the sixteen-bytes walk to
     * take over), restart markers, and now and then what ends the data (a marker, a fill FF, FF before a plain byte, a
     * lone FF).
     */
    @Provide
    Arbitrary<byte[]> scanLike() {
        Arbitrary<byte[]> plain = Arbitraries.of(bytes(0x12), bytes(0x00), bytes(0x7F), bytes(0x80), bytes(0xFE),
                bytes(0x01));
        Arbitrary<byte[]> restart = Arbitraries.of(bytes(0xFF, 0xD0), bytes(0xFF, 0xD7));
        Arbitrary<byte[]> end = Arbitraries.of(bytes(0xFF, 0xD9), bytes(0xFF, 0xFF), bytes(0xFF, 0x12), bytes(0xFF));
        Arbitrary<byte[]> token = Arbitraries.frequencyOf(Tuple.of(60, plain),
                Tuple.of(30, Arbitraries.just(bytes(0xFF, 0x00))), Tuple.of(3, restart), Tuple.of(1, end));
        return token.list().ofMaxSize(3_000).map(tokens -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            tokens.forEach(out::writeBytes);
            return out.toByteArray();
        });
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void endsAtAMarkerInEveryLanePositionAfterDenseStuffing() {
        for (int at = 0; at < 40; at++) {
            byte[] data = denseStuffing(20_000 + at);
            put(data, data.length - 4, 0xD9);
            assertThat(JpegSegmentReader.scanDataEnd(data, 0)).as("EOI at %d", data.length - 4)
                    .isEqualTo(naive(data, 0)).isEqualTo(data.length - 4);
        }
    }

    @Test
    void walksOverRestartMarkersAndFillFfsEndTheData() {
        for (int at = 0; at < 40; at++) {
            byte[] data = denseStuffing(20_000);
            put(data, 5_000 + at, 0xD3);
            assertThat(JpegSegmentReader.scanDataEnd(data, 0)).as("RST at %d", 5_000 + at)
                    .isEqualTo(naive(data, 0)).isEqualTo(data.length);
            put(data, 9_000 + at, 0xFF);
            assertThat(JpegSegmentReader.scanDataEnd(data, 0)).as("FF FF at %d", 9_000 + at)
                    .isEqualTo(9_000 + at);
        }
    }

    @Test
    void anFfAsTheLastByteIsData() {
        byte[] data = denseStuffing(20_001);
        data[data.length - 1] = (byte) 0xFF;
        assertThat(JpegSegmentReader.scanDataEnd(data, 0)).isEqualTo(data.length);
        assertThat(JpegSegmentReader.scanDataEnd(new byte[] {(byte) 0xFF}, 0)).isEqualTo(1);
    }

    /**
     * FF and {@code follower} at {@code at}, after a 00: not an FF, so the new FF follows no FF, and an FF before the
     * 00 stays a stuffed one.
     */
    private static void put(byte[] data, int at, int follower) {
        data[at - 1] = 0x00;
        data[at] = (byte) 0xFF;
        data[at + 1] = (byte) follower;
    }

    /** FF 00 every few bytes, in a pattern that moves through the lanes of a 16-byte step. */
    private static byte[] denseStuffing(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i + 1 < length; i += 3 + i % 5) {
            data[i] = (byte) 0xFF;
        }
        for (int i = length - 2; i < length; i++) {
            data[i] = 0x11;
        }
        return data;
    }

    private static int naive(byte[] data, int from) {
        for (int i = from; i < data.length - 1; i++) {
            if (data[i] != (byte) 0xFF) {
                continue;
            }
            int after = data[i + 1] & 0xFF;
            if (after != 0x00 && (after < 0xD0 || after > 0xD7)) {
                return i;
            }
            i++;
        }
        return data.length;
    }
}
