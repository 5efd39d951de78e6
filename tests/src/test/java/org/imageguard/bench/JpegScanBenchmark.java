package org.imageguard.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Finding the end of a JPEG's entropy-coded data, the one step of the JPEG rewrite that touches every byte besides
 * the output copy. {@code scalar} is a byte-per-iteration loop (the engine's first one); {@code wordAtATime} tests
 * eight bytes per iteration for an 0xFF and only then looks closer, as the engine now does ({@code Bytes.indexOfFf},
 * called from {@code JpegSegmentReader.readScanData}). Both must find the same offset (checked at setup). Evidence
 * for the choice, not engine code.
 *
 * <pre>{@code
 * tests/bench/run-jmh.sh JpegScanBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JpegScanBenchmark {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    byte[] data;
    int scanStart;

    @Setup(Level.Trial)
    public void load() {
        data = BenchImages.load("jpeg-12mp");
        scanStart = afterFirstSosHeader(data);
        int a = scalar();
        int b = wordAtATime();
        if (a != b || a <= scanStart) {
            throw new IllegalStateException("the loops disagree: " + a + " vs " + b + " from " + scanStart);
        }
    }

    @Benchmark
    public int scalar() {
        int pos = scanStart;
        while (pos < data.length) {
            if ((data[pos] & 0xFF) == 0xFF && pos + 1 < data.length && !continuesScan(data[pos + 1] & 0xFF)) {
                break;
            }
            pos++;
        }
        return pos;
    }

    @Benchmark
    public int wordAtATime() {
        int pos = scanStart;
        int lastWord = data.length - Long.BYTES;
        while (true) {
            // A byte of w is 0xFF exactly when that byte of ~w is zero: the classic has-zero-byte test.
            while (pos <= lastWord) {
                long inverted = ~(long) LONGS.get(data, pos);
                if (((inverted - ONES) & ~inverted & HIGHS) != 0) {
                    break;
                }
                pos += Long.BYTES;
            }
            int end = Math.min(pos + Long.BYTES, data.length);
            for (; pos < end; pos++) {
                if ((data[pos] & 0xFF) == 0xFF && pos + 1 < data.length && !continuesScan(data[pos + 1] & 0xFF)) {
                    return pos;
                }
            }
            if (pos >= data.length) {
                return pos;
            }
        }
    }

    private static boolean continuesScan(int afterFf) {
        return afterFf == 0x00 || (afterFf >= 0xD0 && afterFf <= 0xD7);
    }

    /** Walks the marker segments of a trusted, generated file up to the first SOS and skips its header. */
    private static int afterFirstSosHeader(byte[] jpeg) {
        int pos = 2;
        while (pos + 4 <= jpeg.length) {
            int marker = jpeg[pos + 1] & 0xFF;
            int length = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
            if (marker == 0xDA) {
                return pos + 2 + length;
            }
            pos += 2 + length;
        }
        throw new IllegalStateException("no SOS in the benchmark JPEG");
    }
}
