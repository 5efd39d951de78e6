package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.imageguard.config.CacheSettings;
import org.imageguard.config.DataSize;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.RewriteResult;
import org.junit.jupiter.api.Test;

/**
 * A declared non-image type is trusted only after its first bytes: {@link RewriteDecision#PEEK}, then
 * {@link Exchange#sniffHead} makes a JPEG served as text a candidate and lets everything else stream.
 */
class SniffedTypePipelineTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F',
        0, 1, 1, 0, 0, 1};
    private static final ImageRewriter IDENTITY = (body, policy) -> new RewriteResult(body,
            new RewriteReport(ImageFormat.sniff(body), 1, 1, RewriteReport.REWRITTEN, List.of(), List.of(),
                    body.length, body.length));

    /** Room for exactly one {@link #JPEG} and its rewritten copy; a wait for room gives up at once. */
    private final ImageGuardPipeline pipeline = ImageGuardPipeline.builder()
            .rewriter(IDENTITY)
            .policies(path -> Policy.DEFAULTS)
            .cache(new RewriteCache(new CacheSettings(DataSize.ofMegabytes(1), Duration.ofSeconds(60)),
                    new FakeTicker(), Runnable::run))
            .maxInFlight(2L * JPEG.length)
            .busyPatience(Duration.ZERO)
            .build();

    private Exchange forward(String path) {
        return ((Step.Forward) pipeline.begin(RequestFacts.of("GET", path))).exchange();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aJpegServedAsTextPlainBecomesACandidateAndLeavesAsImageJpeg() {
        try (Exchange exchange = forward("/notes.txt")) {
            assertThat(exchange.decide(OriginResponse.ok("text/plain; charset=utf-8").withContentLength(JPEG.length)))
                    .isEqualTo(RewriteDecision.PEEK);
            assertThat(pipeline.inFlight().reserved()).as("nothing is held while peeking").isZero();

            assertThat(exchange.sniffHead(JPEG, JPEG.length)).isEqualTo(RewriteDecision.BUFFER);
            assertThat(pipeline.inFlight().reserved())
                    .as("the late candidate takes its share, body and copy").isEqualTo(2L * JPEG.length);

            HttpAnswer answer = exchange.complete(JPEG);
            assertThat(answer.header("X-ImageGuard")).isEqualTo("miss;stage=protected");
            assertThat(answer.header("Content-Type")).as("the declared type was wrong").isEqualTo("image/jpeg");
            assertThat(answer.header("X-Robots-Tag")).isEqualTo("noai, noimageai");
        }
        assertThat(pipeline.inFlight().reserved()).isZero();
    }

    @Test
    void anHtmlPageStreamsUnlabelledAfterThePeek() {
        try (Exchange exchange = forward("/index.html")) {
            assertThat(exchange.decide(OriginResponse.ok("text/html"))).isEqualTo(RewriteDecision.PEEK);
            byte[] page = ascii("<!doctype html><html><body>hi</body></html>");
            assertThat(exchange.sniffHead(page, 16)).isEqualTo(RewriteDecision.PASS_THROUGH);
            assertThat(exchange.streamingHeaders()).isEmpty();
            assertThat(pipeline.inFlight().reserved()).isZero();
        }
    }

    @Test
    void svgLookingTextIsNotSniffed() {
        try (Exchange exchange = forward("/readme.txt")) {
            exchange.decide(OriginResponse.ok("text/plain"));
            byte[] svg = ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
            assertThat(exchange.sniffHead(svg, 16)).isEqualTo(RewriteDecision.PASS_THROUGH);
        }
    }

    @Test
    void aHeadTooShortForTheMagicIsTakenForWhatItsTypeSays() {
        try (Exchange exchange = forward("/notes.txt")) {
            exchange.decide(OriginResponse.ok("text/plain"));
            assertThat(exchange.sniffHead(JPEG, 1)).isEqualTo(RewriteDecision.PASS_THROUGH);
        }
        try (Exchange empty = forward("/empty.txt")) {
            empty.decide(OriginResponse.ok("text/plain"));
            assertThat(empty.sniffHead(new byte[0], 0)).isEqualTo(RewriteDecision.PASS_THROUGH);
        }
    }

    @Test
    void aLateCandidateFindingTheBudgetSpentIsRefusedNeverStreamed() {
        try (Exchange first = forward("/a.jpg"); Exchange second = forward("/notes.txt")) {
            first.decide(OriginResponse.ok("image/jpeg").withContentLength(JPEG.length));
            assertThat(second.decide(OriginResponse.ok("text/plain"))).isEqualTo(RewriteDecision.PEEK);

            assertThat(second.sniffHead(JPEG, JPEG.length)).isEqualTo(RewriteDecision.REFUSED_BUSY);
            assertThat(second.refusal().status()).isEqualTo(503);
        }
    }

    @Test
    void mediaCompressedAndHeadResponsesAreNeverPeekedAt() {
        assertThat(forward("/clip.txt").decide(OriginResponse.ok("video/mp4")))
                .isEqualTo(RewriteDecision.PASS_THROUGH);
        assertThat(forward("/song.txt").decide(OriginResponse.ok("audio/mpeg")))
                .isEqualTo(RewriteDecision.PASS_THROUGH);
        assertThat(forward("/page.txt").decide(OriginResponse.ok("text/html").withContentEncoding("gzip")))
                .isEqualTo(RewriteDecision.PASS_THROUGH);
        Exchange head = ((Step.Forward) pipeline.begin(RequestFacts.of("HEAD", "/page.html"))).exchange();
        assertThat(head.decide(OriginResponse.ok("text/html"))).isEqualTo(RewriteDecision.PASS_THROUGH);
    }

    @Test
    void onlyAPeekingExchangeCanSniffItsHead() {
        Exchange exchange = forward("/a.jpg");
        exchange.decide(OriginResponse.ok("image/jpeg"));
        assertThatThrownBy(() -> exchange.sniffHead(JPEG, JPEG.length)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expected state PEEK, found BUFFER");
        exchange.close();
    }
}
