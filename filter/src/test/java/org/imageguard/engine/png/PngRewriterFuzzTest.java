package org.imageguard.engine.png;

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
import org.imageguard.engine.io.Bytes;
import org.imageguard.testing.FixedMetadataPlan;
import org.imageguard.testing.Fuzzing;
import org.imageguard.testing.Mutations;

/**
 * Hostile PNGs: fixtures with random bytes overwritten and random truncation, half of them with every reachable CRC
 * recomputed so the damage gets past the CRC check into the chunk contents. The rewriter must either refuse with an
 * {@link ImageFormatException} or produce a PNG whose critical chunks are the input's and that carries one XMP.
 */
class PngRewriterFuzzTest {

    private static final List<String> FIXTURES =
            List.of("meta.png", "anim.png", "palette.png", "imexif.png", "improfiles.png");

    // A fixed seed keeps the build deterministic; change it locally to explore further.
    @Property(tries = 400, seed = "20261126")
    void givesAValidPngOrImageFormatException(@ForAll("mutatedPngs") byte[] input) {
        Fuzzing.requireShare("rewritten", 10);
        byte[] out;
        try {
            out = PngSamples.rewrite(input, FixedMetadataPlan.privacy());
        } catch (ImageFormatException expected) {
            Statistics.collect("refused");
            return;
        }
        Statistics.collect("rewritten");
        PngFile in = PngChunkReader.read(input);
        PngFile rewritten = PngChunkReader.read(out);
        assertThat(critical(rewritten)).usingElementComparator(Arrays::compare).isEqualTo(critical(in));
        assertThat(rewritten.chunks()).filteredOn(c -> PngText.isXmp(out, c)).hasSize(1);
        assertThat(PngSamples.rewrite(out, FixedMetadataPlan.privacy())).isEqualTo(out);
    }

    @Provide
    Arbitrary<byte[]> mutatedPngs() {
        return mutated(FIXTURES);
    }

    /** The fixtures damaged: bytes overwritten, truncated, half of them with CRCs repaired. */
    static Arbitrary<byte[]> mutated(List<String> fixtures) {
        Arbitrary<byte[]> fixture = Arbitraries.of(fixtures).map(PngSamples::fixture);
        return Combinators.combine(fixture, Mutations.byteOverwrites(), Mutations.keepPercent(),
                Arbitraries.of(true, false)).as(PngRewriterFuzzTest::mutate);
    }

    private static byte[] mutate(byte[] png, List<int[]> edits, int keepPercent, boolean repairCrcs) {
        byte[] bytes = Mutations.overwriteAndTruncate(png, 8, edits, keepPercent);
        if (repairCrcs) {
            repairCrcs(bytes);
        }
        return bytes;
    }

    /** Recomputes the CRC of each chunk that can be walked to, so content damage is not caught by the CRC. */
    static void repairCrcs(byte[] bytes) {
        long pos = 8;
        while (pos + 12 <= bytes.length) {
            long length = Bytes.u32be(bytes, (int) pos);
            if (pos + 12 + length > bytes.length) {
                return;
            }
            int crcAt = (int) (pos + 8 + length);
            Bytes.putU32be(bytes, crcAt, PngChunkReader.crc(bytes, (int) pos + 4, (int) length + 4));
            pos = crcAt + 4L;
        }
    }

    private static List<byte[]> critical(PngFile png) {
        return png.chunks().stream().filter(PngChunk::critical)
                .map(c -> Arrays.copyOfRange(png.bytes(), c.offset(), c.end())).toList();
    }
}
