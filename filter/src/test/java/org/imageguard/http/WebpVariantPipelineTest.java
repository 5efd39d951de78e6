package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.imageguard.config.CacheSettings;
import org.imageguard.config.ConfigLoader;
import org.imageguard.config.DataSize;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.testing.Fixtures;
import org.imageguard.testing.Images;
import org.junit.jupiter.api.Test;

/**
 * {@code optimize.webp: true} through the pipeline with the real engine: the body follows the client's
 * {@code Accept}, each variant is cached and validated on its own, and every response says it varies.
 */
class WebpVariantPipelineTest {

    private static final byte[] PHOTO = Fixtures.bytes(WebpVariantPipelineTest.class, "/pixels/photo.jpg");
    private static final Policy WEBP = ConfigLoader.load("optimize: {webp: true}\n", "t.yaml").policy();
    private static final OriginResponse ORIGIN = OriginResponse.ok("image/jpeg")
            .withContentLength(PHOTO.length).withEtag("\"v1\"");

    private final ImageGuardPipeline pipeline = ImageGuardPipeline.builder()
            .rewriter(ImageRewriter.of(new ImageGuardEngine()))
            .policies(path -> WEBP)
            .cache(new RewriteCache(new CacheSettings(DataSize.ofMegabytes(4), Duration.ofSeconds(60)),
                    new FakeTicker(), Runnable::run))
            .limiter(new TransformLimiter(1))
            .optimizerWorkers(job -> { }) // background jobs never run: each hit is its miss's body
            .build();

    private HttpAnswer miss(String accept) {
        Exchange exchange = ((Step.Forward) pipeline.begin(get(accept))).exchange();
        assertThat(exchange.decide(ORIGIN)).isEqualTo(RewriteDecision.BUFFER);
        return exchange.complete(PHOTO);
    }

    private HttpAnswer hit(String accept) {
        Step step = pipeline.begin(get(accept));
        assertThat(step).isInstanceOf(Step.Respond.class);
        return ((Step.Respond) step).answer();
    }

    private static RequestFacts get(String accept) {
        return RequestFacts.of("GET", "/photo.jpg").withHeader("Accept", accept);
    }

    @Test
    void webpForClientsThatAcceptItJpegForTheOthersBothCachedApart() {
        HttpAnswer webp = miss("image/avif,image/webp,*/*");
        HttpAnswer jpeg = miss("image/jpeg,image/*;q=0.8");

        assertThat(webp.header("Content-Type")).isEqualTo("image/webp");
        assertThat(new String(webp.sentBytes(), 0, 4)).isEqualTo("RIFF");
        assertThat(Images.exiftoolDataMining(webp.sentBytes()))
                .isEqualTo("http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED");
        assertThat(webp.sentBytes().length).isLessThan(jpeg.sentBytes().length);

        assertThat(jpeg.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(jpeg.sentBytes()).startsWith((byte) 0xFF, (byte) 0xD8);
        assertThat(Images.exiftoolDataMining(jpeg.sentBytes()))
                .isEqualTo("http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED");

        assertThat(webp.header("Vary")).isEqualTo("Accept");
        assertThat(jpeg.header("Vary")).isEqualTo("Accept");
        assertThat(webp.header("ETag")).isNotEqualTo(jpeg.header("ETag"));

        HttpAnswer webpHit = hit("image/webp,*/*");
        HttpAnswer jpegHit = hit("*/*");
        assertThat(webpHit.header("X-ImageGuard")).isEqualTo("hit;stage=protected");
        assertThat(webpHit.sentBytes()).isEqualTo(webp.sentBytes());
        assertThat(webpHit.header("Vary")).isEqualTo("Accept");
        assertThat(jpegHit.header("X-ImageGuard")).isEqualTo("hit;stage=protected");
        assertThat(jpegHit.sentBytes()).isEqualTo(jpeg.sentBytes());
        assertThat(jpegHit.header("ETag")).isEqualTo(jpeg.header("ETag"));
    }
}
