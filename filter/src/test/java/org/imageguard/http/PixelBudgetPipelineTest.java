package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.imageguard.config.CacheSettings;
import org.imageguard.config.DataSize;
import org.imageguard.config.LimitSettings;
import org.imageguard.config.OnBusy;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.RewriteResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Decoded pixels are reserved in the in-flight budget, on top of the body, before the rewrite decodes anything; when
 * they do not fit, the answer is 503 whatever {@code on-busy} says, never the original. The rewriter is a stand-in
 * that names its pixel needs and notes the budget while it runs.
 */
class PixelBudgetPipelineTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4};
    private static final OriginResponse ORIGIN_JPEG = OriginResponse.ok("image/jpeg").withEtag("\"v1\"")
            .withContentLength(JPEG.length);
    private static final long BODY = 2L * JPEG.length;
    private static final long PIXELS = 1000;

    private final List<Long> reservedDuringRewrite = new ArrayList<>();
    private ImageGuardPipeline pipeline;

    /** Marks its output so a test can tell it from the original. */
    private final ImageRewriter decoding = new ImageRewriter() {
        @Override
        public RewriteResult rewrite(byte[] body, Policy policy) {
            reservedDuringRewrite.add(pipeline.inFlight().reserved());
            byte[] out = body.clone();
            out[out.length - 1] = 99;
            return new RewriteResult(out, new RewriteReport(ImageFormat.JPEG, 1, 1, RewriteReport.REWRITTEN,
                    List.of(), List.of(), body.length, out.length));
        }

        @Override
        public long pixelBytesNeeded(byte[] body, Policy policy) {
            return PIXELS;
        }
    };

    private ImageGuardPipeline pipeline(OnBusy onBusy, long capacity) {
        Policy d = Policy.DEFAULTS;
        LimitSettings l = d.limits();
        Policy policy = new Policy(d.protection(), d.optimize(), d.watermark(), d.hotlink(), d.aiCrawlers(),
                new LimitSettings(l.maxImageSize(), l.maxPixels(), l.transformConcurrency(), l.onError(), onBusy,
                        l.onUnsupported()));
        pipeline = ImageGuardPipeline.builder()
                .rewriter(decoding)
                .policies(path -> policy)
                .cache(new RewriteCache(new CacheSettings(DataSize.ofMegabytes(1), Duration.ofSeconds(60)),
                        new FakeTicker(), Runnable::run))
                .maxInFlight(capacity)
                .busyPatience(Duration.ZERO)
                .optimizerWorkers(job -> { })
                .build();
        return pipeline;
    }

    private HttpAnswer fetch(String path) {
        try (Exchange exchange = ((Step.Forward) pipeline.begin(RequestFacts.of("GET", path))).exchange()) {
            assertThat(exchange.decide(ORIGIN_JPEG)).isEqualTo(RewriteDecision.BUFFER);
            return exchange.complete(JPEG);
        }
    }

    @Test
    void thePixelsAreReservedOnTopOfTheBodyWhileTheRewriteRunsAndGivenBackAfter() {
        pipeline(OnBusy.WAIT, BODY + PIXELS);

        HttpAnswer answer = fetch("/a.jpg");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(reservedDuringRewrite).containsExactly(BODY + PIXELS);
        assertThat(pipeline.inFlight().reserved()).isZero();
    }

    @ParameterizedTest
    @EnumSource(OnBusy.class)
    void pixelsThatDoNotFitGet503WithRetryAfterNeverTheOriginalAndALaterRequestIsRewritten(OnBusy onBusy) {
        pipeline(onBusy, BODY + PIXELS);
        long other = PIXELS / 2;
        assertThat(pipeline.inFlight().tryReserve(other)).as("another request holds part of the budget").isTrue();

        HttpAnswer refused = fetch("/a.jpg");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers()).contains(new Header("Retry-After", "2"), new Header("Cache-Control", "no-store"),
                new Header("X-ImageGuard", "busy"));
        assertThat(refused.sentBytes()).as("no byte of the original").doesNotContain(JPEG[JPEG.length - 1]);
        assertThat(reservedDuringRewrite).as("nothing decoded").isEmpty();
        assertThat(pipeline.busyCount()).isEqualTo(1);
        assertThat(pipeline.inFlight().reserved()).as("all given back but the other's").isEqualTo(other);

        pipeline.inFlight().release(other);
        HttpAnswer later = fetch("/a.jpg");
        assertThat(later.status()).as("the refusal was not remembered as a failure").isEqualTo(200);
        assertThat(later.header("X-ImageGuard")).isEqualTo("miss;stage=protected");
        assertThat(later.sentBytes()[JPEG.length - 1]).isEqualTo((byte) 99);
    }

    @Test
    void pixelsLargerThanTheWholeBudgetGoOneImageAtATime() {
        pipeline(OnBusy.REJECT, BODY);

        assertThat(fetch("/a.jpg").status()).isEqualTo(200);
        assertThat(reservedDuringRewrite).containsExactly(BODY + PIXELS);
    }
}
