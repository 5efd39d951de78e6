package org.imageguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
    void piecesHoldTheSameBytesAndReportAsRewriteAndOptimize(String mode) {
        ImageGuardEngine engine = new ImageGuardEngine();
        PreparedPolicy prepared = PreparedPolicy.of(withMode(OptimizeMode.valueOf(mode)));
        for (String fixture : FIXTURES) {
            byte[] input = Fixtures.bytes(ImageGuardEngineGatheredTest.class, fixture);

            ImageGuardEngine.GatheredResult gathered = engine.rewriteAndOptimizeGathered(input, prepared);
            RewriteResult whole = engine.rewriteAndOptimize(input, prepared);

            assertThat(gathered.output().toByteArray()).as(fixture).isEqualTo(whole.bytes());
            assertThat(gathered.output().size()).as(fixture).isEqualTo(whole.bytes().length);
            assertThat(gathered.report()).as(fixture).isEqualTo(whole.report());
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
}
