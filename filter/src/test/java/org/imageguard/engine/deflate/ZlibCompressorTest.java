package org.imageguard.engine.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Every stream is checked by java.util.zip's Inflater (the system zlib), which shares no code with the compressor:
 * same bytes back, the stream finished, the Adler-32 accepted.
 */
class ZlibCompressorTest {

    @Property(tries = 200, seed = "20261204")
    void randomAndStructuredBytesInflateBackIdentically(@ForAll("inputs") byte[] input) throws Exception {
        for (ZlibCompressor.Settings settings : new ZlibCompressor.Settings[] {ZlibCompressor.Settings.DEFAULT,
                new ZlibCompressor.Settings(3, 8, 4)}) {
            byte[] zlib = ZlibCompressor.compress(input, settings, Integer.MAX_VALUE);
            assertThat(inflate(zlib, input.length)).isEqualTo(input);
        }
    }

    @Provide
    Arbitrary<byte[]> inputs() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(5000);
        // runs, repeats at many distances and a small alphabet: what filtered image rows look like
        Arbitrary<byte[]> structured = Combinators.combine(Arbitraries.integers().between(0, 70_000),
                Arbitraries.integers().between(1, 40), Arbitraries.longs()).as(ZlibCompressorTest::structured);
        return Arbitraries.oneOf(random, structured);
    }

    private static byte[] structured(int length, int alphabet, long seed) {
        Random random = new Random(seed);
        byte[] data = new byte[length];
        int i = 0;
        while (i < length) {
            int run = 1 + random.nextInt(300);
            switch (random.nextInt(3)) {
                case 0 -> {
                    byte b = (byte) random.nextInt(alphabet);
                    for (int k = 0; k < run && i < length; k++) {
                        data[i++] = b;
                    }
                }
                case 1 -> {
                    int distance = 1 + random.nextInt(Math.min(i + 1, 40_000));
                    for (int k = 0; k < run && i < length; k++, i++) {
                        data[i] = i >= distance ? data[i - distance] : 0;
                    }
                }
                default -> {
                    for (int k = 0; k < run && i < length; k++) {
                        data[i++] = (byte) random.nextInt(alphabet);
                    }
                }
            }
        }
        return data;
    }

    @Test
    void inputsLongerThanASegmentKeepTheirDictionaryAcrossSegments() throws Exception {
        byte[] data = structured(3 * ZlibCompressor.SEGMENT + 12_345, 16, 7);
        byte[] zlib = ZlibCompressor.compress(data, ZlibCompressor.Settings.DEFAULT, Integer.MAX_VALUE);
        assertThat(inflate(zlib, data.length)).isEqualTo(data);
    }

    @Test
    void emptyAndOneByteInputsMakeValidStreams() throws Exception {
        for (byte[] data : new byte[][] {new byte[0], {42}, {0, 0, 0}}) {
            assertThat(inflate(ZlibCompressor.compress(data, ZlibCompressor.Settings.DEFAULT, 100), data.length))
                    .isEqualTo(data);
        }
    }

    @Test
    void incompressibleBytesGoIntoStoredBlocksAtMostAFewBytesLarger() throws Exception {
        byte[] data = new byte[200_000];
        new Random(1).nextBytes(data);
        byte[] zlib = ZlibCompressor.compress(data, ZlibCompressor.Settings.DEFAULT, Integer.MAX_VALUE);
        assertThat(inflate(zlib, data.length)).isEqualTo(data);
        // 2 header + 4 Adler-32 + 5 per stored block of at most 65,535 bytes
        assertThat(zlib.length).isLessThanOrEqualTo(data.length + 6 + 5 * 4);
    }

    @Test
    void maxSettingsBeatZlibLevel9OnImageLikeRows() throws Exception {
        byte[] data = structured(150_000, 24, 3);
        Deflater deflater = new Deflater(9);
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[data.length + 1024];
        int zlibSize = 0;
        while (!deflater.finished()) {
            zlibSize += deflater.deflate(buffer, zlibSize, buffer.length - zlibSize);
        }
        deflater.end();
        byte[] ours = ZlibCompressor.compress(data, ZlibCompressor.Settings.MAX, Integer.MAX_VALUE);
        assertThat(ours.length).isLessThan(zlibSize);
        assertThat(inflate(ours, data.length)).isEqualTo(data);
    }

    @Test
    void givesUpAtTheLimit() {
        byte[] data = structured(50_000, 200, 5);
        byte[] free = ZlibCompressor.compress(data, ZlibCompressor.Settings.DEFAULT, Integer.MAX_VALUE);
        assertThat(ZlibCompressor.compress(data, ZlibCompressor.Settings.DEFAULT, free.length)).isNull();
        assertThat(ZlibCompressor.compress(data, ZlibCompressor.Settings.DEFAULT, free.length / 2)).isNull();
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> new ZlibCompressor.Settings(0, 64, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected positive settings");
    }

    private static byte[] inflate(byte[] zlib, int expectedLength) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(zlib);
            ByteArrayOutputStream out = new ByteArrayOutputStream(expectedLength);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new AssertionError("stream ends early after " + out.size() + " bytes");
                }
                out.write(buffer, 0, n);
            }
            assertThat(inflater.getRemaining()).as("bytes after the stream").isZero();
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}
