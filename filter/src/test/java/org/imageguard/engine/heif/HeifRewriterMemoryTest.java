package org.imageguard.engine.heif;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.imageguard.config.MemoryBudget;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The in-flight budget reserves {@link MemoryBudget#COPIES_PER_IMAGE} (2) image-sized arrays per buffered image: the
 * origin's body and the rewritten output. A HEIF rewrite must not hold a third: the bytes it allocates, counted by
 * the JVM for this thread (no timing involved), stay near one output's worth.
 */
class HeifRewriterMemoryTest {

    private static final int LARGE = 16 << 20;

    @Test
    void aLargeHeifIsRewrittenWithOneOutputSizedArrayBesideTheInput() {
        // A kept top-level box makes the output as large as the input, as a large image item's data would.
        byte[] still = Fixtures.bytes(HeifRewriterMemoryTest.class, "/org/imageguard/engine/heif/plain.heic");
        byte[] input = Arrays.copyOf(still, still.length + LARGE);
        byte[] header = {(byte) (LARGE >>> 24), (byte) (LARGE >>> 16), (byte) (LARGE >>> 8), (byte) LARGE,
            'u', 'u', 'i', 'd'};
        System.arraycopy(header, 0, input, still.length, header.length);
        ImageGuardEngine engine = new ImageGuardEngine();
        engine.rewrite(still, Policy.DEFAULTS); // composers and classes loaded outside the measurement

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
