package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.imageguard.config.CacheSettings;
import org.imageguard.config.DataSize;
import org.imageguard.config.LimitSettings;
import org.imageguard.config.OnUnsupported;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageGuardEngine;
import org.junit.jupiter.api.Test;

/** Images ImageGuard cannot protect are never passed silently: labelled and counted, or refused. */
class UnsupportedFormatPipelineTest {

    /** A bare JPEG XL codestream: no box to hold XMP, so the engine cannot protect it. */
    private static final byte[] CODESTREAM = {(byte) 0xFF, 0x0A, (byte) 0xFA, 0x1F, 0x42, 0x08, 0x10, 0x04, 0x40, 0x00, 0x00, 0x00};

    private static ImageGuardPipeline pipeline(OnUnsupported onUnsupported) {
        Policy d = Policy.DEFAULTS;
        LimitSettings l = d.limits();
        Policy policy = new Policy(d.protection(), d.optimize(), d.watermark(), d.hotlink(), d.aiCrawlers(),
                new LimitSettings(l.maxImageSize(), l.maxPixels(), l.transformConcurrency(), l.onError(),
                        l.onBusy(), onUnsupported));
        return ImageGuardPipeline.builder()
                .rewriter(new ImageGuardEngine()::rewrite)
                .policies(path -> policy)
                .cache(new RewriteCache(new CacheSettings(DataSize.ofMegabytes(1), Duration.ofSeconds(60)),
                        new FakeTicker(), Runnable::run))
                .build();
    }

    private static HttpAnswer serve(ImageGuardPipeline pipeline, String contentType) {
        try (Exchange exchange = ((Step.Forward) pipeline.begin(RequestFacts.of("GET", "/photo.jxl"))).exchange()) {
            exchange.decide(OriginResponse.ok(contentType));
            return exchange.complete(CODESTREAM);
        }
    }

    @Test
    void passSendsTheOriginalWithTheSignalsAndCountsItByFormat() {
        ImageGuardPipeline pipeline = pipeline(OnUnsupported.PASS);

        HttpAnswer answer = serve(pipeline, "image/jxl");
        serve(pipeline, "application/octet-stream");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.sentBytes()).isEqualTo(CODESTREAM);
        assertThat(answer.header("X-ImageGuard")).isEqualTo("bypass;reason=unsupported");
        assertThat(answer.header("X-Robots-Tag")).isEqualTo("noai, noimageai");
        assertThat(pipeline.unsupportedByFormat()).isEqualTo(Map.of(ImageFormat.JXL_CODESTREAM, 2L));
    }

    @Test
    void rejectAnswers502WithoutTheImageAndCountsItToo() {
        ImageGuardPipeline pipeline = pipeline(OnUnsupported.REJECT);

        HttpAnswer answer = serve(pipeline, "image/jxl");

        assertThat(answer.status()).isEqualTo(502);
        assertThat(new String(answer.sentBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("format ImageGuard cannot protect");
        assertThat(answer.header("X-ImageGuard")).isEqualTo("bypass;reason=unsupported");
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        assertThat(pipeline.unsupportedByFormat()).isEqualTo(Map.of(ImageFormat.JXL_CODESTREAM, 1L));
    }
}
