package org.imageguard.engine.tiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.RewriteReport;
import org.imageguard.testing.FixedMetadataPlan;
import org.imageguard.testing.Fixtures;
import org.imageguard.testing.Fuzzing;
import org.imageguard.testing.Mutations;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Mutated TIFF fixtures: the rewriter and the reader either refuse with ImageFormatException or succeed. */
class TiffRewriterFuzzTest {

    private final TiffRewriter rewriter = new TiffRewriter();

    @Property(tries = 500, seed = "20261203")
    void onlyImageFormatExceptionEscapesAndOutputReadsBack(@ForAll("mutants") byte[] input) {
        Fuzzing.requireShare("rewritten", 20);
        byte[] out;
        try {
            rewriter.read(input);
            out = rewriter.rewrite(input, FixedMetadataPlan.privacy(), new RewriteReport.Builder());
        } catch (ImageFormatException refused) {
            assertThat(refused.format()).isEqualTo(ImageFormat.TIFF);
            assertThat(refused.getMessage()).startsWith("TIFF at offset ").contains("expected");
            Statistics.collect("refused");
            return;
        }
        Statistics.collect("rewritten");
        // What we write, we read back: the same pages, and our XMP.
        assertThat(rewriter.read(out).frames()).isEqualTo(rewriter.read(input).frames());
        assertThat(rewriter.read(out).xmp()).isEqualTo(FixedMetadataPlan.PACKET);
    }

    @Provide
    Arbitrary<byte[]> mutants() {
        return Mutations.of(List.of(fixture("strip-le.tif"), fixture("strip-be.tif"), fixture("tiled.tif"),
                fixture("multi.tif"), fixture("big.tif")));
    }

    private static byte[] fixture(String name) {
        return Fixtures.bytes(TiffRewriterFuzzTest.class, name);
    }
}
