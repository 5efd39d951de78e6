package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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

/** The in-flight budget as the pipeline uses it: reserved on BUFFER, given back by {@link Exchange#close()}. */
class InFlightPipelineTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4};
    private static final OriginResponse ORIGIN_JPEG = OriginResponse.ok("image/jpeg").withEtag("\"v1\"")
            .withContentLength(JPEG.length);

    private static final ImageRewriter IDENTITY = (body, policy) -> new RewriteResult(body,
            new RewriteReport(ImageFormat.sniff(body), 1, 1, RewriteReport.REWRITTEN, List.of(), List.of(),
                    body.length, body.length));

    /** Room for exactly one {@link #JPEG} and its rewritten copy; no patience, so a wait gives up at once. */
    private static ImageGuardPipeline pipeline(ImageRewriter rewriter) {
        return pipeline(rewriter, Policy.DEFAULTS);
    }

    private static ImageGuardPipeline pipeline(ImageRewriter rewriter, Policy policy) {
        return ImageGuardPipeline.builder()
                .rewriter(rewriter)
                .policies(path -> policy)
                .cache(new RewriteCache(new CacheSettings(DataSize.ofMegabytes(1), Duration.ofSeconds(60)),
                        new FakeTicker(), Runnable::run))
                .maxInFlight(2L * JPEG.length)
                .busyPatience(Duration.ZERO)
                .build();
    }

    private static Policy onBusy(OnBusy onBusy) {
        Policy d = Policy.DEFAULTS;
        LimitSettings l = d.limits();
        return new Policy(d.protection(), d.optimize(), d.watermark(), d.hotlink(), d.aiCrawlers(),
                new LimitSettings(l.maxImageSize(), l.maxPixels(), l.transformConcurrency(), l.onError(), onBusy,
                        l.onUnsupported()));
    }

    private static Exchange forward(ImageGuardPipeline pipeline, String path) {
        return ((Step.Forward) pipeline.begin(RequestFacts.of("GET", path))).exchange();
    }

    @Test
    void aCandidateThatWaitsForRoomWithoutAThreadIsToldWhenAnotherExchangeGivesItBack() {
        ImageGuardPipeline pipeline = ImageGuardPipeline.builder()
                .rewriter(IDENTITY)
                .policies(path -> Policy.DEFAULTS)
                .cache(new RewriteCache(new CacheSettings(DataSize.ofMegabytes(1), Duration.ofSeconds(60)),
                        new FakeTicker(), Runnable::run))
                .maxInFlight(2L * JPEG.length)
                .busyPatience(Duration.ofMinutes(10)) // far beyond the test: only the release ends the wait
                .build();
        Exchange first = forward(pipeline, "/a.jpg");
        List<RewriteDecision> firstTold = new ArrayList<>();
        first.decide(ORIGIN_JPEG, firstTold::add);
        assertThat(firstTold).as("room now: told at once").containsExactly(RewriteDecision.BUFFER);

        Exchange second = forward(pipeline, "/b.jpg");
        List<RewriteDecision> secondTold = new ArrayList<>();
        second.decide(ORIGIN_JPEG, secondTold::add);
        assertThat(secondTold).as("no room: decide returned without waiting, and without a decision").isEmpty();
        assertThat(pipeline.inFlight().waitingCount()).isEqualTo(1);

        first.close();

        assertThat(secondTold).containsExactly(RewriteDecision.BUFFER);
        assertThat(second.state()).isEqualTo(RewriteDecision.BUFFER);
        assertThat(second.bufferLimit()).isEqualTo(JPEG.length);
        assertThat(pipeline.inFlight().reserved()).isEqualTo(2L * JPEG.length);
        second.close();
        assertThat(pipeline.inFlight().reserved()).isZero();
        assertThat(pipeline.busyCount()).isZero();
    }

    @Test
    void byDefaultASecondCandidateWhileTheBudgetHoldsOneIsRefusedWith503NeverStreamed() {
        ImageGuardPipeline pipeline = pipeline(IDENTITY);
        Exchange first = forward(pipeline, "/a.jpg");
        assertThat(first.decide(ORIGIN_JPEG)).isEqualTo(RewriteDecision.BUFFER);
        assertThat(first.bufferLimit()).as("the known Content-Length is reserved, not max-image-size")
                .isEqualTo(JPEG.length);
        assertThat(pipeline.inFlight().reserved()).as("the body and its rewritten copy").isEqualTo(2L * JPEG.length);

        for (String path : List.of("/b.jpg", "/no-type")) {
            Exchange second = forward(pipeline, path);
            OriginResponse origin = path.endsWith(".jpg") ? ORIGIN_JPEG
                    : OriginResponse.ok("").withContentLength(JPEG.length);
            assertThat(second.decide(origin)).isEqualTo(RewriteDecision.REFUSED_BUSY);
            assertThat(second.state().streams()).as("no byte of the original").isFalse();
            HttpAnswer refusal = second.refusal();
            assertThat(refusal.status()).isEqualTo(503);
            assertThat(refusal.headers()).contains(new Header("Retry-After", "2"),
                    new Header("Cache-Control", "no-store"));
            second.close();
        }
        assertThat(pipeline.busyCount()).isEqualTo(2);
        first.close();
        assertThat(pipeline.inFlight().reserved()).isZero();
    }

    @Test
    void withOnBusyPassASecondCandidateStreamsThroughLabelledBusy() {
        ImageGuardPipeline pipeline = pipeline(IDENTITY, onBusy(OnBusy.PASS));
        Exchange first = forward(pipeline, "/a.jpg");
        assertThat(first.decide(ORIGIN_JPEG)).isEqualTo(RewriteDecision.BUFFER);

        Exchange second = forward(pipeline, "/b.jpg");
        assertThat(second.decide(ORIGIN_JPEG)).isEqualTo(RewriteDecision.BYPASS_BUSY);
        assertThat(second.state().streams()).isTrue();
        assertThat(second.streamingHeaders()).contains(new Header("X-ImageGuard", "bypass;reason=busy"),
                new Header("X-Robots-Tag", "noai, noimageai"), new Header("tdm-reservation", "1"));
        second.close();
        assertThat(pipeline.busyCount()).isEqualTo(1);
        assertThat(pipeline.inFlight().reserved()).as("the busy one held nothing").isEqualTo(2L * JPEG.length);

        assertThat(first.complete(JPEG).header("X-ImageGuard")).isEqualTo("miss;stage=protected");
        first.close();
        assertThat(pipeline.inFlight().reserved()).isZero();
        Exchange third = forward(pipeline, "/c.jpg");
        assertThat(third.decide(ORIGIN_JPEG)).isEqualTo(RewriteDecision.BUFFER);
    }

    @Test
    void withOnBusyPassABusyResponseOfUnknownTypeStreamsUnlabelledLikeTheOtherBypasses() {
        ImageGuardPipeline pipeline = pipeline(IDENTITY, onBusy(OnBusy.PASS));
        Exchange first = forward(pipeline, "/a.jpg");
        first.decide(ORIGIN_JPEG);

        Exchange second = forward(pipeline, "/b");
        assertThat(second.decide(OriginResponse.ok("").withContentLength(JPEG.length)))
                .isEqualTo(RewriteDecision.PASS_THROUGH);
        assertThat(second.streamingHeaders()).isEmpty();
        assertThat(pipeline.busyCount()).as("still counted").isEqualTo(1);
    }

    @Test
    void closingTwiceGivesBackOnlyOnce() {
        ImageGuardPipeline pipeline = ImageGuardPipeline.builder().rewriter(IDENTITY).maxInFlight(100)
                .busyPatience(Duration.ZERO).build();
        Exchange first = forward(pipeline, "/a.jpg");
        Exchange second = forward(pipeline, "/b.jpg");
        first.decide(ORIGIN_JPEG);
        second.decide(ORIGIN_JPEG);
        assertThat(pipeline.inFlight().reserved()).isEqualTo(4L * JPEG.length);

        first.close();
        first.close();
        assertThat(pipeline.inFlight().reserved()).isEqualTo(2L * JPEG.length);
    }

    @Test
    void withoutContentLengthAWholeMaxImageSizeIsReservedAndALoneOneStillGetsIt() {
        ImageGuardPipeline pipeline = pipeline(IDENTITY);
        Exchange exchange = forward(pipeline, "/a.jpg");
        assertThat(exchange.decide(OriginResponse.ok("image/jpeg"))).isEqualTo(RewriteDecision.BUFFER);
        long maxImageSize = Policy.DEFAULTS.limits().maxImageSize().bytes();
        assertThat(exchange.bufferLimit()).isEqualTo(maxImageSize);
        assertThat(pipeline.inFlight().reserved()).isEqualTo(2 * maxImageSize);
        exchange.close();
        assertThat(pipeline.inFlight().reserved()).isZero();
    }

    @Test
    void theReservationIsReleasedAfterAnEngineFailure() {
        ImageGuardPipeline pipeline = pipeline((body, policy) -> {
            throw new IllegalStateException("engine bug");
        });
        try (Exchange exchange = forward(pipeline, "/a.jpg")) {
            exchange.decide(ORIGIN_JPEG);
            assertThat(exchange.complete(JPEG).header("X-ImageGuard")).isEqualTo("bypass;reason=error");
        }
        assertThat(pipeline.inFlight().reserved()).isZero();
    }

    @Test
    void theReservationIsReleasedWhenTheEngineThrowsAnError() {
        ImageGuardPipeline pipeline = pipeline((body, policy) -> {
            throw new OutOfMemoryError("simulated");
        });
        assertThatThrownBy(() -> {
            try (Exchange exchange = forward(pipeline, "/a.jpg")) {
                exchange.decide(ORIGIN_JPEG);
                exchange.complete(JPEG);
            }
        }).isInstanceOf(OutOfMemoryError.class);
        assertThat(pipeline.inFlight().reserved()).isZero();
    }

    @Test
    void theReservationIsReleasedAfterATooLargeOverflow() {
        ImageGuardPipeline pipeline = pipeline(IDENTITY);
        byte[] longer = Arrays.copyOf(JPEG, JPEG.length + 1);
        try (Exchange exchange = forward(pipeline, "/a.jpg")) {
            exchange.decide(OriginResponse.ok("image/jpeg"));
            assertThat(exchange.overflow(longer, longer.length)).isEqualTo(RewriteDecision.BYPASS_TOO_LARGE);
        }
        assertThat(pipeline.inFlight().reserved()).isZero();
        assertThat(pipeline.tooLargeCount()).isEqualTo(1);
        assertThat(pipeline.busyCount()).isZero();
    }
}
