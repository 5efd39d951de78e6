package org.imageguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.imageguard.config.MemoryBudget;
import org.imageguard.config.Policy;
import org.imageguard.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-flight budget reserves {@link MemoryBudget#COPIES_PER_IMAGE} (2) image-sized arrays per buffered image: the
 * origin's body and the rewritten output. A rewrite by box surgery must not hold a third (a growing buffer and its
 * trimmed copy): the bytes it allocates, counted by the JVM for this thread (no timing involved), stay near one
 * output's worth.
 */
class RewriteMemoryTest {

    private static final int LARGE = 16 << 20;

    @ParameterizedTest
    @ValueSource(strings = {"heif/plain.heic", "heif/meta.avif", "jxl/container.jxl"})
    void aLargeImageIsRewrittenWithOneOutputSizedArrayBesideTheInput(String fixture) {
        // A kept top-level box of unknown type makes the output as large as the input, as large image data would.
        byte[] small = Fixtures.bytes(RewriteMemoryTest.class, "/org/imageguard/engine/" + fixture);
        byte[] input = Arrays.copyOf(small, small.length + LARGE);
        byte[] header = {(byte) (LARGE >>> 24), (byte) (LARGE >>> 16), (byte) (LARGE >>> 8), (byte) LARGE,
            'u', 'u', 'i', 'd'};
        System.arraycopy(header, 0, input, small.length, header.length);
        ImageGuardEngine engine = new ImageGuardEngine();
        engine.rewrite(small, Policy.DEFAULTS); // composers and classes loaded outside the measurement

        long before = allocatedByThisThread();
        byte[] output = engine.rewrite(input, Policy.DEFAULTS).bytes();
        long allocated = allocatedByThisThread() - before;

        assertThat(output.length).isGreaterThan(LARGE);
        assertThat(allocated).as("bytes allocated for a %d-byte output", output.length)
                .isLessThan(output.length + output.length / 4);
    }

    @Test
    void aLargeTiffIsRewrittenWithOneOutputSizedArrayBesideTheInput() {
        byte[] input = greyTiff(4096, LARGE / 4096);
        ImageGuardEngine engine = new ImageGuardEngine();
        engine.rewrite(greyTiff(16, 16), Policy.DEFAULTS);

        long before = allocatedByThisThread();
        byte[] output = engine.rewrite(input, Policy.DEFAULTS).bytes();
        long allocated = allocatedByThisThread() - before;

        assertThat(ImageFormat.sniff(output)).isEqualTo(ImageFormat.TIFF);
        assertThat(output.length).isGreaterThan(LARGE);
        assertThat(allocated).as("bytes allocated for a %d-byte output", output.length)
                .isLessThan(output.length + output.length / 4);
    }

    /** A little-endian, uncompressed 8-bit grey TIFF: header, one strip, then IFD0 with nine entries. */
    private static byte[] greyTiff(int width, int height) {
        int pixels = width * height;
        int ifd = 8 + pixels;
        ByteBuffer b = ByteBuffer.allocate(ifd + 2 + 9 * 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'I', 'I', 42, 0}).putInt(ifd);
        b.position(ifd);
        b.putShort((short) 9);
        int[][] entries = {{256, 4, width}, {257, 4, height}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1},
            {273, 4, 8}, {277, 3, 1}, {278, 4, height}, {279, 4, pixels}};
        for (int[] e : entries) {
            b.putShort((short) e[0]).putShort((short) e[1]).putInt(1).putInt(e[2]);
        }
        return b.putInt(0).array();
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
