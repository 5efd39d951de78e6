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
     * Fails the property when fewer than {@code minimumPercent} of its tries were rewritten: a fuzzer whose rewriter
     * refused every mutant (a parser grown too strict, a generator that only makes garbage) would otherwise pass while
     * testing nothing but the refusal path. Call it on every try; jqwik checks it once all tries are done.
     */
    public static void requireRewrittenShare(double minimumPercent) {
        Statistics.coverage(coverage -> coverage.check("rewritten").percentage(p -> p >= minimumPercent));
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
