package org.imageguard.engine.png;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.imageguard.config.OptimizeEffort;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.LosslessOptimizer;
import org.imageguard.testing.Fuzzing;

/**
 * Hostile PNGs for the optimizer: fixtures (palette, 16-bit grey, alpha, APNG, profiles) with random bytes overwritten
 * and random truncation, half with CRCs repaired so the damage reaches zlib data, filters and palettes. Only an
 * {@link ImageFormatException} may escape; whatever comes out is a PNG no larger than the input that decodes again.
 */
class PngOptimizerFuzzTest {

    private static final List<String> FIXTURES =
            List.of("palette.png", "gray16.png", "alpha.png", "anim.png", "improfiles.png");

    @Property(tries = 300, seed = "20261203")
    void givesASmallerDecodablePngOrImageFormatException(@ForAll("mutatedPngs") byte[] input) {
        Fuzzing.requireShare("recompressed", 2);
        LosslessOptimizer.Result result;
        try {
            result = new PngOptimizer().optimize(input, OptimizeEffort.FAST, 4_000_000L);
        } catch (ImageFormatException expected) {
            Statistics.collect("refused");
            return;
        }
        Statistics.collect(result.bytes() == input ? "left alone" : "recompressed");
        assertThat(result.bytes().length).isLessThanOrEqualTo(input.length);
        if (result.bytes() != input) {
            PngFile out = PngChunkReader.read(result.bytes());
            PngHeader header = PngHeader.of(out);
            assertThat(PngImageData.decode(out, header, (int) PngImageData.inflatedSize(header))).isNotNull();
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedPngs() {
        return PngRewriterFuzzTest.mutated(FIXTURES);
    }
}
