package org.imageguard.engine.gif;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.RewriteReport;
import org.imageguard.testing.FixedMetadataPlan;
import org.imageguard.testing.Fuzzing;
import org.imageguard.testing.Mutations;

/**
 * Hostile GIFs: fixtures with random bytes overwritten and random truncation. The rewriter must either refuse with an
 * {@link ImageFormatException} or produce a GIF with the input's images byte for byte and exactly one XMP extension.
 */
class GifRewriterFuzzTest {

    private static final List<String> FIXTURES = List.of("anim.gif", "comment.gif", "old.gif", "xmp.gif");

    // A fixed seed keeps the build deterministic; change it locally to explore further.
    @Property(tries = 400, seed = "20261126")
    void givesAValidGifOrImageFormatException(@ForAll("mutatedGifs") byte[] input) {
        Fuzzing.requireShare("rewritten", 24);
        byte[] out;
        try {
            out = new GifRewriter().rewrite(input, FixedMetadataPlan.privacy(), new RewriteReport.Builder());
        } catch (ImageFormatException expected) {
            Statistics.collect("refused");
            return;
        }
        Statistics.collect("rewritten");
        GifFile rewritten = GifBlockReader.read(out);
        assertThat(images(rewritten)).usingElementComparator(Arrays::compare)
                .isEqualTo(images(GifBlockReader.read(input)));
        assertThat(rewritten.blocks()).filteredOn(GifXmp::isXmp).hasSize(1);
        assertThat(rewritten.hasTrailer()).isTrue();
        assertThat(rewritten.trailingBytes()).isZero();
    }

    @Provide
    Arbitrary<byte[]> mutatedGifs() {
        Arbitrary<byte[]> fixture = Arbitraries.of(FIXTURES).map(GifRewriterTest::fixture);
        return Combinators.combine(fixture, Mutations.byteOverwrites(), Mutations.keepPercent())
                .as((gif, edits, keepPercent) -> Mutations.overwriteAndTruncate(gif, 6, edits, keepPercent));
    }

    private static List<byte[]> images(GifFile gif) {
        return gif.blocks().stream().filter(GifBlock::isImage)
                .map(b -> Arrays.copyOfRange(gif.bytes(), b.offset(), b.end())).toList();
    }
}
