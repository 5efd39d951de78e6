package org.imageguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.imageguard.config.OptimizeMode;
import org.imageguard.config.OptimizeSettings;
import org.imageguard.config.Policy;
import org.imageguard.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gathered result (pieces written as they are by {@code rewrite -o}) against the one-array result. */
class ImageGuardEngineGatheredTest {

    private static final List<String> FIXTURES = List.of("/jpeg/xmp.jpg", "/jpeg/baseline-exif.jpg",
            "/jpeg/trailing.jpg", "/jpeg/icc.jpg", "/org/imageguard/engine/png/meta.png",
            "/org/imageguard/engine/png/imexif.png", "/org/imageguard/engine/webp/everything.webp");

    private static Policy withMode(OptimizeMode mode) {
        Policy d = Policy.DEFAULTS;
        OptimizeSettings o = d.optimize();
        return new Policy(d.protection(), new OptimizeSettings(mode, o.effort(), o.jpegQuality(),
                o.minSavingPercent(), o.maxWidth(), o.maxHeight(), o.webp()), d.watermark(), d.hotlink(),
                d.aiCrawlers(), d.limits());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NONE", "LOSSLESS"})
    void piecesHoldTheSameBytesAndReportAsRewriteAndOptimizeAlsoFromTheStartOfALongerBuffer(String mode) {
        ImageGuardEngine engine = new ImageGuardEngine();
        PreparedPolicy prepared = PreparedPolicy.of(withMode(OptimizeMode.valueOf(mode)));
        for (String fixture : FIXTURES) {
            byte[] input = Fixtures.bytes(ImageGuardEngineGatheredTest.class, fixture);

            RewriteResult whole = engine.rewriteAndOptimize(input, prepared);
            ImageGuardEngine.GatheredResult gathered = engine.rewriteAndOptimizeGathered(input, prepared);
            ImageGuardEngine.GatheredResult prefix = engine.rewriteAndOptimizeGathered(inReusedBuffer(input),
                    input.length, prepared);

            for (ImageGuardEngine.GatheredResult result : List.of(gathered, prefix)) {
                assertThat(result.output().toByteArray()).as(fixture).isEqualTo(whole.bytes());
                assertThat(result.output().size()).as(fixture).isEqualTo(whole.bytes().length);
                assertThat(result.report()).as(fixture).isEqualTo(whole.report());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/jpeg/xmp.jpg", "/org/imageguard/engine/png/meta.png"})
    void withoutFurtherStagesTheKeptRecordsStaySlicesOfTheInput(String fixture) {
        byte[] input = Fixtures.bytes(ImageGuardEngineGatheredTest.class, fixture);

        ImageGuardEngine.GatheredResult gathered = new ImageGuardEngine()
                .rewriteAndOptimizeGathered(input, PreparedPolicy.of(withMode(OptimizeMode.NONE)));

        byte[] before = gathered.output().toByteArray();
        input[input.length - 1] ^= 1; // the file's last byte, kept as it was

        byte[] after = gathered.output().toByteArray();
        assertThat(after[after.length - 1]).isEqualTo((byte) (before[before.length - 1] ^ 1));
    }

    /**
     * The file at the start of a longer buffer, as {@code rewrite -o} hands it over: bytes left over from a larger
     * file follow it (here another image, then FFs, which a JPEG or PNG reader would take for more records).
     */
    private static byte[] inReusedBuffer(byte[] file) {
        byte[] leftover = Fixtures.bytes(ImageGuardEngineGatheredTest.class, "/jpeg/progressive.jpg");
        byte[] buffer = new byte[file.length + leftover.length + 4096];
        Arrays.fill(buffer, (byte) 0xFF);
        System.arraycopy(file, 0, buffer, 0, file.length);
        System.arraycopy(leftover, 0, buffer, file.length, leftover.length);
        return buffer;
    }

    @ParameterizedTest
    @ValueSource(strings = {"II*\0\u0008\0\0\0", "BM", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "plain text",
        "", "GIF89a"})
    void anUnsupportedUnknownOrCutShortFileInALongerBufferIsTheSameAsForAnArrayOfItsOwn(String content) {
        ImageGuardEngine engine = new ImageGuardEngine();
        PreparedPolicy prepared = PreparedPolicy.of(withMode(OptimizeMode.NONE));
        byte[] input = content.getBytes(StandardCharsets.ISO_8859_1);

        Object prefix = outcome(() -> engine.rewriteAndOptimizeGathered(inReusedBuffer(input), input.length,
                prepared));
        Object exact = outcome(() -> engine.rewriteAndOptimizeGathered(input, prepared));

        assertThat(prefix).isEqualTo(exact);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/jpeg/xmp.jpg", "/jpeg/progressive.jpg", "/org/imageguard/engine/png/meta.png",
        "/org/imageguard/engine/webp/everything.webp"})
    void aTruncatedFileInALongerBufferIsTheSameAsForAnArrayOfItsOwn(String fixture) {
        // Cut inside the headers (an error) and inside the picture data (kept as browsers show it, or an error).
        byte[] whole = Fixtures.bytes(ImageGuardEngineGatheredTest.class, fixture);
        PreparedPolicy prepared = PreparedPolicy.of(withMode(OptimizeMode.NONE));
        ImageGuardEngine engine = new ImageGuardEngine();
        for (int length : new int[] {40, whole.length / 2, whole.length - 1}) {
            byte[] input = Arrays.copyOf(whole, length);

            Object prefix = outcome(() -> engine.rewriteAndOptimizeGathered(inReusedBuffer(whole), length, prepared));
            Object exact = outcome(() -> engine.rewriteAndOptimizeGathered(input, prepared));

            assertThat(prefix).as(fixture + " cut at " + length).isEqualTo(exact);
        }
    }

    /** The bytes and report, or the error's message: what a caller can tell apart. */
    private static Object outcome(java.util.function.Supplier<ImageGuardEngine.GatheredResult> rewrite) {
        Throwable error = catchThrowable(rewrite::get);
        if (error != null) {
            assertThat(error).isInstanceOf(ImageFormatException.class);
            return error.getMessage();
        }
        ImageGuardEngine.GatheredResult result = rewrite.get();
        return List.of(Arrays.toString(result.output().toByteArray()), result.report());
    }
}
