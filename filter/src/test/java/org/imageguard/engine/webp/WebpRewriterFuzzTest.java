package org.imageguard.engine.webp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.ImageMetadata;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.io.Bytes;
import org.imageguard.testing.FixedMetadataPlan;
import org.imageguard.testing.Fuzzing;
import org.imageguard.testing.Mutations;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Mutated fixtures: the rewriter either refuses them with ImageFormatException or writes a file it can read back. */
class WebpRewriterFuzzTest {

    /** Chunk names, so that mutants also reorder and duplicate the chunks the rewriter treats specially. */
    private static final List<byte[]> TOKENS = Stream.of("VP8X", "VP8 ", "VP8L", "ALPH", "ANIM", "ANMF", "ICCP", "EXIF",
            "XMP ", "Exif\0\0", "II*\0").map(t -> t.getBytes(StandardCharsets.ISO_8859_1)).toList();

    private final WebpRewriter rewriter = new WebpRewriter();

    @Property(tries = 400, seed = "20261126")
    void onlyImageFormatExceptionOrAValidFile(@ForAll("mutants") byte[] input) {
        Fuzzing.requireShare("rewritten", 10);
        byte[] out;
        try {
            out = rewriter.rewrite(input, FixedMetadataPlan.privacy().withCreator(), new RewriteReport.Builder());
        } catch (ImageFormatException refused) {
            Statistics.collect("refused");
            return;
        }
        Statistics.collect("rewritten");
        assertThat(Bytes.u32le(out, 4)).isEqualTo(out.length - 8L);
        List<WebpChunk> chunks = WebpChunkReader.read(out);
        assertThat(chunks.get(0).fourCc()).isEqualTo(WebpChunk.VP8X);
        assertThat(out[chunks.get(0).payloadOffset()] & WebpCanvas.FLAG_XMP).isNotZero();
        ImageMetadata read = rewriter.read(out);
        assertThat(read.xmp()).isEqualTo(FixedMetadataPlan.PACKET_WITH_CREATOR);
        assertThat(rewriter.read(input).width()).isEqualTo(read.width());
    }

    @Property(tries = 200, seed = "20261126")
    void readOnlyThrowsImageFormatException(@ForAll("mutants") byte[] input) {
        try {
            rewriter.read(input);
        } catch (ImageFormatException refused) {
            // The one exception bad input may cause.
        }
    }

    @Provide
    Arbitrary<byte[]> mutants() {
        return Mutations.of(Stream.of("lossy.webp", "lossless-alpha.webp", "lossy-alpha.webp", "animated.webp",
                "with-exif-prefixed.webp", "with-xmp.webp").map(WebpRewriterTest::fixture).toList(), TOKENS);
    }
}
