package org.imageguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.imageguard.config.MemoryBudget;
import org.imageguard.config.Policy;
import org.imageguard.testing.Fixtures;
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

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
