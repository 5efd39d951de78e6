package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.imageguard.config.CacheSettings;
import org.imageguard.config.DataSize;
import org.imageguard.config.LimitSettings;
import org.imageguard.config.OnError;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.RewriteResult;
import org.junit.jupiter.api.Test;

class ImageGuardPipelineTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4};
    private static final byte[] MARKER = "+IG".getBytes(StandardCharsets.US_ASCII);
    private static final Duration FRESH_FOR = Duration.ofSeconds(60);
    private static final OriginResponse ORIGIN_JPEG = OriginResponse.ok("image/jpeg").withEtag("\"v1\"")
            .withCacheControl("max-age=600").withLastModified("Tue, 01 Oct 2024 10:00:00 GMT");

    private final FakeTicker ticker = new FakeTicker();
    private final AtomicInteger rewrites = new AtomicInteger();
    private final ImageRewriter appendsMarker = (body, policy) -> {
        rewrites.incrementAndGet();
        byte[] out = java.util.Arrays.copyOf(body, body.length + MARKER.length);
        System.arraycopy(MARKER, 0, out, body.length, MARKER.length);
        return new RewriteResult(out, new RewriteReport(ImageFormat.sniff(body), 1, 1, RewriteReport.REWRITTEN,
                List.of(), List.of(), body.length, out.length));
    };

    private ImageGuardPipeline pipeline(ImageRewriter rewriter, Policy policy, AccessPolicy access) {
        return ImageGuardPipeline.builder()
                .rewriter(rewriter)
                .policies(path -> policy)
                .access(access)
                .cache(new RewriteCache(new CacheSettings(DataSize.ofMegabytes(1), FRESH_FOR), ticker, Runnable::run))
                .limiter(new TransformLimiter(1))
                .build();
    }

    private ImageGuardPipeline pipeline() {
        return pipeline(appendsMarker, Policy.DEFAULTS, AccessPolicy.ALLOW_ALL);
    }

    private static Exchange forward(ImageGuardPipeline pipeline, RequestFacts request) {
        Step step = pipeline.begin(request);
        assertThat(step).isInstanceOf(Step.Forward.class);
        return ((Step.Forward) step).exchange();
    }

    private static HttpAnswer respond(ImageGuardPipeline pipeline, RequestFacts request) {
        Step step = pipeline.begin(request);
        assertThat(step).isInstanceOf(Step.Respond.class);
        return ((Step.Respond) step).answer();
    }

    private static HttpAnswer missThroughOrigin(ImageGuardPipeline pipeline, RequestFacts request,
                                                OriginResponse origin, byte[] body) {
        Exchange exchange = forward(pipeline, request);
        assertThat(exchange.decide(origin)).isEqualTo(RewriteDecision.BUFFER);
        return exchange.complete(body);
    }

    private static RequestFacts get(String path) {
        return RequestFacts.of("GET", path);
    }

    @Test
    void firstRequestIsAMissWithAllHeadersAndTheSecondAHitWithoutTheOrigin() {
        ImageGuardPipeline pipeline = pipeline();
        HttpAnswer miss = missThroughOrigin(pipeline, get("/a.jpg"), ORIGIN_JPEG, JPEG);

        assertThat(miss.status()).isEqualTo(200);
        assertThat(miss.header("X-ImageGuard")).isEqualTo("miss;stage=protected");
        assertThat(miss.sentBytes()).endsWith(MARKER).hasSize(JPEG.length + MARKER.length);
        assertThat(miss.header("Content-Length")).isEqualTo(Integer.toString(JPEG.length + MARKER.length));
        assertThat(miss.header("ETag")).startsWith("\"ig-");
        assertThat(miss.header("Cache-Control")).isEqualTo("max-age=600, no-transform");
        assertThat(miss.header("Last-Modified")).isEqualTo("Tue, 01 Oct 2024 10:00:00 GMT");
        assertThat(miss.header("X-Robots-Tag")).isEqualTo("noai, noimageai");
        assertThat(miss.header("tdm-reservation")).isEqualTo("1");
        assertThat(miss.header("Content-Usage")).isEqualTo("train-ai=n");
        assertThat(miss.header("Vary")).as("no negotiation, no Vary").isEmpty();

        HttpAnswer hit = respond(pipeline, get("/a.jpg"));
        assertThat(hit.header("X-ImageGuard")).isEqualTo("hit;stage=protected");
        assertThat(hit.header("ETag")).isEqualTo(miss.header("ETag"));
        assertThat(hit.sentBytes()).isEqualTo(miss.sentBytes());
        assertThat(rewrites).hasValue(1);
        assertThat(pipeline.cacheStats().hits()).isEqualTo(1);
        assertThat(pipeline.cacheStats().misses()).isEqualTo(1);
    }

    @Test
    void imagePathsTakeOverConditionalsAndRangesAndForwardHeadAsGet() {
        Exchange exchange = forward(pipeline(), RequestFacts.of("HEAD", "/img/a.png"));
        assertThat(exchange.forwardMethod()).isEqualTo("GET");
        assertThat(exchange.removedRequestHeaders())
                .containsExactlyInAnyOrder("if-none-match", "if-modified-since", "range", "if-range");
        assertThat(exchange.discardsStreamedBody()).isTrue();
        assertThat(exchange.addedRequestHeaders()).isEmpty();
    }

    @Test
    void otherPathsKeepTheirHeadersAndNonImagesPassThroughUnlabelled() {
        Exchange exchange = forward(pipeline(), get("/movie.mp4").withHeader("Range", "bytes=0-1"));
        assertThat(exchange.removedRequestHeaders()).isEmpty();
        assertThat(exchange.decide(OriginResponse.ok("video/mp4").withStatus(206)))
                .isEqualTo(RewriteDecision.PASS_THROUGH);
        assertThat(exchange.streamingHeaders()).isEmpty();
    }

    @Test
    void headGetsGetsHeadersWithoutABody() {
        ImageGuardPipeline pipeline = pipeline();
        HttpAnswer get = missThroughOrigin(pipeline, get("/a.jpg"), ORIGIN_JPEG, JPEG);
        HttpAnswer head = respond(pipeline, RequestFacts.of("HEAD", "/a.jpg"));
        assertThat(head.sendBody()).isFalse();
        assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
        assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
    }

    @Test
    void aFreshHitAnswersTheClientsIfNoneMatchWith304() {
        ImageGuardPipeline pipeline = pipeline();
        String etag = missThroughOrigin(pipeline, get("/a.jpg"), ORIGIN_JPEG, JPEG).header("ETag");
        HttpAnswer answer = respond(pipeline, get("/a.jpg").withHeader("If-None-Match", etag));
        assertThat(answer.status()).isEqualTo(304);
        assertThat(answer.header("ETag")).isEqualTo(etag);
        assertThat(answer.header("X-Robots-Tag")).isEqualTo("noai, noimageai");
    }

    @Test
    void afterFreshForTheOriginIsAskedWithItsOwnValidatorAnd304ReusesTheEntry() {
        ImageGuardPipeline pipeline = pipeline();
        String etag = missThroughOrigin(pipeline, get("/a.jpg"), ORIGIN_JPEG, JPEG).header("ETag");
        ticker.advance(FRESH_FOR);

        Exchange revalidation = forward(pipeline, get("/a.jpg"));
        assertThat(revalidation.addedRequestHeaders()).isEqualTo(Map.of("If-None-Match", "\"v1\""));
        assertThat(revalidation.decide(OriginResponse.ok("").withStatus(304)))
                .isEqualTo(RewriteDecision.REVALIDATED);
        HttpAnswer answer = revalidation.revalidated();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("X-ImageGuard")).isEqualTo("hit;stage=protected");
        assertThat(answer.header("ETag")).isEqualTo(etag);
        assertThat(rewrites).hasValue(1);
        // Refreshed: fresh again for another fresh-for, without the origin.
        ticker.advance(FRESH_FOR.minusSeconds(1));
        assertThat(pipeline.begin(get("/a.jpg"))).isInstanceOf(Step.Respond.class);
    }

    @Test
    void revalidationWithLastModifiedWhenTheOriginHasNoEtag() {
        ImageGuardPipeline pipeline = pipeline();
        missThroughOrigin(pipeline, get("/a.jpg"), ORIGIN_JPEG.withEtag(""), JPEG);
        ticker.advance(FRESH_FOR);
        assertThat(forward(pipeline, get("/a.jpg")).addedRequestHeaders())
                .isEqualTo(Map.of("If-Modified-Since", "Tue, 01 Oct 2024 10:00:00 GMT"));
    }

    @Test
    void aChangedOriginalIsRewrittenAgainWithANewEtag() {
        ImageGuardPipeline pipeline = pipeline();
        String first = missThroughOrigin(pipeline, get("/a.jpg"), ORIGIN_JPEG, JPEG).header("ETag");
        ticker.advance(FRESH_FOR);

        HttpAnswer second = missThroughOrigin(pipeline, get("/a.jpg"), ORIGIN_JPEG.withEtag("\"v2\""), JPEG);
        assertThat(second.header("X-ImageGuard")).isEqualTo("miss;stage=protected");
        assertThat(second.header("ETag")).isNotEqualTo(first);
        assertThat(rewrites).hasValue(2);
    }

    @Test
    void aDifferentPolicyGivesADifferentEtagForTheSameOriginal() {
        String defaults = missThroughOrigin(pipeline(), get("/a.jpg"), ORIGIN_JPEG, JPEG).header("ETag");
        String webp = missThroughOrigin(pipeline(appendsMarker, CompiledPolicyTest.withWebp(), AccessPolicy.ALLOW_ALL),
                get("/a.jpg"), ORIGIN_JPEG, JPEG).header("ETag");
        String again = missThroughOrigin(pipeline(), get("/a.jpg"), ORIGIN_JPEG, JPEG).header("ETag");
        assertThat(webp).isNotEqualTo(defaults);
        assertThat(again).isEqualTo(defaults);
    }

    @Test
    void negotiatedResponsesVaryOnAcceptIncludingHits() {
        ImageGuardPipeline pipeline = pipeline(appendsMarker, CompiledPolicyTest.withWebp(), AccessPolicy.ALLOW_ALL);
        assertThat(missThroughOrigin(pipeline, get("/a.jpg"), ORIGIN_JPEG, JPEG).header("Vary")).isEqualTo("Accept");
        assertThat(respond(pipeline, get("/a.jpg")).header("Vary")).isEqualTo("Accept");
    }

    @Test
    void badImagesPassThroughWithSignalsAndTheirFailureIsRememberedBriefly() {
        ImageRewriter broken = (body, policy) -> {
            rewrites.incrementAndGet();
            throw new ImageFormatException(ImageFormat.JPEG, 2, "expected a marker (0xFF), found 0x00");
        };
        ImageGuardPipeline pipeline = pipeline(broken, Policy.DEFAULTS, AccessPolicy.ALLOW_ALL);

        HttpAnswer answer = missThroughOrigin(pipeline, get("/bad.jpg"), ORIGIN_JPEG, JPEG);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.sentBytes()).isEqualTo(JPEG);
        assertThat(answer.header("X-ImageGuard")).isEqualTo("bypass;reason=error");
        assertThat(answer.header("X-Robots-Tag")).isEqualTo("noai, noimageai");
        assertThat(pipeline.failures().byReason()).isEqualTo(Map.of("invalid-image", 1L));

        HttpAnswer again = missThroughOrigin(pipeline, get("/bad.jpg"), ORIGIN_JPEG, JPEG);
        assertThat(again.header("X-ImageGuard")).as("on-error applies to every response").isEqualTo(
                "bypass;reason=error");
        assertThat(again.sentBytes()).isEqualTo(JPEG);
        assertThat(rewrites).as("the failure is remembered, not parsed again").hasValue(1);
        ticker.advance(RewriteCache.FAILURE_TTL);
        missThroughOrigin(pipeline, get("/bad.jpg"), ORIGIN_JPEG, JPEG);
        assertThat(rewrites).as("tried again once the failure is forgotten").hasValue(2);
    }

    @Test
    void onErrorRejectAnswers502() {
        Policy d = Policy.DEFAULTS;
        LimitSettings l = d.limits();
        Policy reject = new Policy(d.protection(), d.optimize(), d.watermark(), d.hotlink(), d.aiCrawlers(),
                new LimitSettings(l.maxImageSize(), l.maxPixels(), l.transformConcurrency(), OnError.REJECT));
        ImageGuardPipeline pipeline = pipeline((body, policy) -> {
            throw new IllegalStateException("bug");
        }, reject, AccessPolicy.ALLOW_ALL);

        HttpAnswer answer = missThroughOrigin(pipeline, get("/bad.jpg"), ORIGIN_JPEG, JPEG);
        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        assertThat(answer.removedHeaders()).contains("ETag");
        assertThat(pipeline.failures().byReason()).isEqualTo(Map.of("internal", 1L));
    }

    @Test
    void denialsComeBeforeTheCacheAndAreNotCacheable() {
        ImageGuardPipeline open = pipeline();
        missThroughOrigin(open, get("/a.jpg"), ORIGIN_JPEG, JPEG);
        AccessPolicy hotlinks = request -> request.referer().contains("evil")
                ? Optional.of(Denial.forbidden(BypassReason.HOTLINK)) : Optional.empty();
        ImageGuardPipeline guarded = pipeline(appendsMarker, Policy.DEFAULTS, hotlinks);
        missThroughOrigin(guarded, get("/a.jpg"), ORIGIN_JPEG, JPEG);

        HttpAnswer denied = respond(guarded, get("/a.jpg").withHeader("Referer", "https://evil.test/"));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.header("Cache-Control")).isEqualTo("private, no-store");
        assertThat(denied.header("X-ImageGuard")).isEqualTo("bypass;reason=hotlink");
        assertThat(guarded.cacheStats().hits()).as("the cached image was not consulted").isZero();
    }

    @Test
    void imagesWeCannotRewriteGetTheSignalsOnly() {
        byte[] codestream = {(byte) 0xFF, 0x0A, (byte) 0xFA, 0x1F, 0x42, 0x08, 0x10, 0x04, 0x40, 0x00, 0x00, 0x00}; // a bare JPEG XL codestream
        HttpAnswer answer = missThroughOrigin(pipeline(), get("/a"), OriginResponse.ok(""), codestream);
        assertThat(answer.sentBytes()).isEqualTo(codestream);
        assertThat(answer.header("X-ImageGuard")).isEqualTo("bypass;reason=unsupported");
        assertThat(answer.header("tdm-reservation")).isEqualTo("1");
        assertThat(rewrites).hasValue(0);
    }

    @Test
    void bytesThatAreNoImageAreServedAsTheyCameWithoutLabels() {
        byte[] text = "not an image".getBytes(StandardCharsets.US_ASCII);
        HttpAnswer answer = missThroughOrigin(pipeline(), get("/a.jpg"), ORIGIN_JPEG, text);
        assertThat(answer.sentBytes()).isEqualTo(text);
        assertThat(answer.header("X-ImageGuard")).isEmpty();
        assertThat(answer.header("X-Robots-Tag")).isEmpty();
    }

    @Test
    void anImageGrowingPastTheLimitStreamsThroughLabelledTooLarge() {
        ImageGuardPipeline pipeline = pipeline();
        Exchange exchange = forward(pipeline, get("/big.jpg"));
        assertThat(exchange.decide(OriginResponse.ok(""))).isEqualTo(RewriteDecision.BUFFER);

        assertThat(exchange.overflow(JPEG, JPEG.length)).isEqualTo(RewriteDecision.BYPASS_TOO_LARGE);
        assertThat(exchange.streamingHeaders()).contains(new Header("X-ImageGuard", "bypass;reason=too-large"),
                new Header("X-Robots-Tag", "noai, noimageai"));
        assertThat(pipeline.tooLargeCount()).isEqualTo(1);
    }

    @Test
    void theExchangeHandsTheAdapterTheOutcomeItsHeaderSaysAndKeepsItOnceFinishedOrHandedOver() {
        ImageGuardPipeline pipeline = pipeline();
        Exchange miss = forward(pipeline, get("/a.jpg"));
        miss.decide(ORIGIN_JPEG);
        HttpAnswer answer = miss.complete(JPEG);
        miss.finish();
        assertThat(miss.outcome()).isEqualTo(Outcome.miss(Stage.PROTECTED));
        assertThat(answer.header("X-ImageGuard")).isEqualTo("miss;stage=protected");

        Exchange streamed = forward(pipeline, get("/big.jpg"));
        streamed.decide(OriginResponse.ok(""));
        streamed.overflow(JPEG, JPEG.length);
        assertThat(streamed.streamingHeaders()).contains(new Header("X-ImageGuard", "bypass;reason=too-large"));
        streamed.handOver();
        streamed.finish();
        assertThat(streamed.outcome()).isEqualTo(Outcome.bypass(BypassReason.TOO_LARGE));

        Exchange takenBack = forward(pipeline, get("/c.jpg"));
        takenBack.handOver();
        assertThat(takenBack.outcome()).as("the container's response is not ours").isNull();

        Exchange notAnImage = forward(pipeline, get("/d.jpg"));
        notAnImage.decide(OriginResponse.ok(""));
        notAnImage.complete("plain text".getBytes(StandardCharsets.US_ASCII));
        notAnImage.finish();
        assertThat(notAnImage.outcome()).isNull();
    }

    @Test
    void aKnownTooLargeImageIsNeverBuffered() {
        ImageGuardPipeline pipeline = pipeline();
        Exchange exchange = forward(pipeline, get("/big.jpg"));
        long tooBig = Policy.DEFAULTS.limits().maxImageSize().bytes() + 1;
        assertThat(exchange.decide(ORIGIN_JPEG.withContentLength(tooBig))).isEqualTo(RewriteDecision.BYPASS_TOO_LARGE);
        assertThat(exchange.streamingHeaders()).contains(new Header("X-ImageGuard", "bypass;reason=too-large"));
    }

    @Test
    void aStreamedImageWhoseOriginValidatorMatchesTheClientsIsNotModified() {
        Exchange exchange = forward(pipeline(), get("/big.jpg").withHeader("If-None-Match", "\"v1\""));
        long tooBig = Policy.DEFAULTS.limits().maxImageSize().bytes() + 1;
        assertThat(exchange.decide(ORIGIN_JPEG.withContentLength(tooBig))).isEqualTo(RewriteDecision.NOT_MODIFIED);
        HttpAnswer answer = exchange.notModified();
        assertThat(answer.status()).isEqualTo(304);
        assertThat(answer.header("ETag")).isEqualTo("\"v1\"");
        assertThat(answer.header("X-ImageGuard")).isEqualTo("bypass;reason=too-large");
    }

    @Test
    void rangesOnAMissAreCutFromTheRewrittenBytes() {
        HttpAnswer answer = missThroughOrigin(pipeline(), get("/a.jpg").withHeader("Range", "bytes=-3"),
                ORIGIN_JPEG, JPEG);
        assertThat(answer.status()).isEqualTo(206);
        assertThat(answer.sentBytes()).isEqualTo(MARKER);
        assertThat(answer.header("Content-Range")).isEqualTo("bytes 8-10/11");
    }

    @Test
    void privateOrNoStoreOriginalsAreRewrittenButNeverShared() {
        ImageGuardPipeline pipeline = pipeline();
        for (String cacheControl : new String[] {"private, max-age=60", "no-store"}) {
            HttpAnswer answer = missThroughOrigin(pipeline, get("/me.jpg"), ORIGIN_JPEG.withCacheControl(cacheControl),
                    JPEG);
            assertThat(answer.sentBytes()).endsWith(MARKER);
            assertThat(answer.header("Cache-Control")).isEqualTo(cacheControl + ", no-transform");
        }
        assertThat(pipeline.begin(get("/me.jpg"))).as("nothing cached").isInstanceOf(Step.Forward.class);
        assertThat(pipeline.cacheStats().sizeBytes()).isZero();
    }

    @Test
    void nonGetMethodsAreNotWrapped() {
        assertThat(pipeline().begin(RequestFacts.of("POST", "/a.jpg"))).isInstanceOf(Step.PassThrough.class);
    }

    @Test
    void anImageFoundOnlyBySniffingIsCheckedAgainAndItsDenialIsNotCached() {
        AccessPolicy hotlinks = new AccessPolicy() {
            @Override
            public Optional<Denial> check(RequestFacts request) {
                return Optional.empty(); // no image extension: nothing to decide yet
            }

            @Override
            public Optional<Denial> checkImage(RequestFacts request) {
                return request.referer().contains("evil") ? Optional.of(Denial.forbidden(BypassReason.HOTLINK)) : Optional.empty();
            }
        };
        ImageGuardPipeline pipeline = pipeline(appendsMarker, Policy.DEFAULTS, hotlinks);
        RequestFacts hotlinker = get("/media/image").withHeader("Referer", "https://evil.test/");

        HttpAnswer denied = missThroughOrigin(pipeline, hotlinker, ORIGIN_JPEG, JPEG);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.header("X-ImageGuard")).isEqualTo("bypass;reason=hotlink");
        assertThat(denied.removedHeaders()).contains("ETag", "Last-Modified");
        assertThat(pipeline.cacheStats().sizeBytes()).as("nothing was stored").isZero();

        missThroughOrigin(pipeline, get("/media/image"), ORIGIN_JPEG, JPEG);
        assertThat(respond(pipeline, hotlinker).status()).as("a cache hit is checked too").isEqualTo(403);
        assertThat(respond(pipeline, get("/media/image")).header("X-ImageGuard")).isEqualTo("hit;stage=protected");
    }

    @Test
    void aSiteFileReplacesTheOriginsErrorAndBuildsOnItsSuccess() {
        SiteFile robots = new SiteFile() {
            @Override
            public boolean asksOrigin() {
                return true;
            }

            @Override
            public boolean keeps(OriginResponse origin) {
                return false;
            }

            @Override
            public Content content(OriginResponse origin, byte[] body) {
                String theirs = body == null ? "" : new String(body, StandardCharsets.US_ASCII);
                return new Content("text/plain", (theirs + "ours\n").getBytes(StandardCharsets.US_ASCII));
            }
        };
        ImageGuardPipeline pipeline = ImageGuardPipeline.builder().rewriter(appendsMarker)
                .siteFiles(Map.of("/robots.txt", robots)).build();

        Exchange missing = forward(pipeline, get("/robots.txt"));
        assertThat(missing.replacesErrors()).isTrue();
        assertThat(missing.decide(OriginResponse.ok("text/html").withStatus(404))).isEqualTo(RewriteDecision.BUFFER);
        HttpAnswer ours = missing.complete("<h1>Not found</h1>".getBytes(StandardCharsets.US_ASCII));
        assertThat(ours.status()).isEqualTo(200);
        assertThat(new String(ours.sentBytes(), StandardCharsets.US_ASCII)).isEqualTo("ours\n");

        Exchange present = forward(pipeline, get("/robots.txt").withHeader("If-None-Match", "\"r1\""));
        assertThat(present.removedRequestHeaders()).as("the whole file is needed").contains("if-none-match");
        assertThat(present.decide(OriginResponse.ok("text/plain").withEtag("\"r1\""))).isEqualTo(RewriteDecision.BUFFER);
        HttpAnswer augmented = present.complete("theirs\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(augmented.sentBytes(), StandardCharsets.US_ASCII)).isEqualTo("theirs\nours\n");
        assertThat(augmented.removedHeaders()).contains("ETag", "Last-Modified");
        assertThat(augmented.header("Content-Length")).isEqualTo("12");
    }
}
