package org.imageguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.imageguard.engine.FormatRewriter;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.RewriteReport;

import net.jqwik.api.statistics.Statistics;

/**
 * The common step of the format fuzzers: a mutated file is read, then rewritten with {@link FixedMetadataPlan#privacy};
 * the only exception allowed out is an {@link ImageFormatException} of the rewriter's format that names an offset and
 * what was expected, and what is written reads back with the plan's packet as its XMP. Counts {@code refused} and
 * {@code rewritten} in jqwik's statistics.
 *
 * <pre>{@code
 * byte[] out = Fuzzing.refusedOrCarriesPacket(rewriter, mutant);
 * if (out != null) { ... what else the format promises about its output ... }
 * }</pre>
 */
public final class Fuzzing {

    private Fuzzing() {
    }

    /**
     * Fails the property, after all its tries, unless at least {@code percent} of them were counted as {@code label}:
     * a rewriter that refused every input would otherwise pass a fuzzer that only checks what it does with the
     * inputs it accepts. The floors sit near half of what the fixed seeds reach, so a generator change that still
     * reaches the rewriter's paths does not trip them; call first in the property method.
     */
    public static void requireShare(String label, double percent) {
        Statistics.coverage(coverage -> coverage.check(label).percentage(p -> p >= percent));
    }

    /** The rewritten file (checked to carry {@link FixedMetadataPlan#PACKET}), or null when properly refused. */
    public static byte[] refusedOrCarriesPacket(FormatRewriter rewriter, byte[] input) {
        try {
            rewriter.read(input);
            byte[] out = rewriter.rewrite(input, FixedMetadataPlan.privacy(), new RewriteReport.Builder());
            Statistics.collect("rewritten");
            assertThat(rewriter.read(out).xmp()).isEqualTo(FixedMetadataPlan.PACKET);
            return out;
        } catch (ImageFormatException refused) {
            assertThat(refused.format()).isEqualTo(rewriter.format());
            assertThat(refused.getMessage()).startsWith(rewriter.format() + " at offset ").contains("expected");
            Statistics.collect("refused");
            return null;
        }
    }
}
