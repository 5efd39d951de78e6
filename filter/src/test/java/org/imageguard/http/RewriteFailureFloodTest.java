package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.imageguard.config.CacheSettings;
import org.imageguard.engine.ImageGuardEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hot corrupt image: the real engine on a truncated PNG, requested again and again. The log (java.util.logging,
 * where both slf4j and Caffeine write in these tests) gets one line per URL and reason per minute, without a stack
 * trace, and the engine parses the bad bytes once per {@link RewriteCache#FAILURE_TTL}; every response still follows
 * {@code on-error}.
 */
class RewriteFailureFloodTest {

    private static final int REQUESTS = 200;

    private final FakeTicker ticker = new FakeTicker();
    private final AtomicInteger parses = new AtomicInteger();
    private final ImageGuardEngine engine = new ImageGuardEngine();
    private final ImageGuardPipeline pipeline = ImageGuardPipeline.builder()
            .rewriter((body, policy) -> {
                parses.incrementAndGet();
                return engine.rewrite(body, policy);
            })
            .cache(new RewriteCache(CacheSettings.DEFAULTS, ticker, Runnable::run))
            .limiter(new TransformLimiter(1))
            .build();
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler collector = new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private byte[] truncatedPng;

    @BeforeEach
    void listen() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/org/imageguard/engine/png/meta.png")) {
            byte[] png = in.readAllBytes();
            truncatedPng = Arrays.copyOf(png, png.length / 2);
        }
        Logger.getLogger("").addHandler(collector);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("").removeHandler(collector);
    }

    private HttpAnswer request(String url) {
        Step step = pipeline.begin(RequestFacts.of("GET", url));
        try (Exchange exchange = ((Step.Forward) step).exchange()) {
            exchange.decide(OriginResponse.ok("image/png").withEtag("\"broken\""));
            return exchange.complete(truncatedPng);
        }
    }

    private synchronized List<LogRecord> logged() {
        return List.copyOf(records);
    }

    @Test
    void aHotCorruptImageLogsOneLineWithoutAStackTraceAndIsParsedOnce() {
        for (int i = 0; i < REQUESTS; i++) {
            HttpAnswer answer = request("/broken.png");
            assertThat(answer.header("X-ImageGuard")).isEqualTo("bypass;reason=error");
            assertThat(answer.sentBytes()).as("on-error: original").isEqualTo(truncatedPng);
        }
        assertThat(logged()).as("log lines for %d requests", REQUESTS).hasSize(1);
        assertThat(logged().get(0).getThrown()).as("no stack trace for bad input").isNull();
        assertThat(parses).as("parsed once, then remembered").hasValue(1);
        assertThat(pipeline.failures().total()).isEqualTo(1);
    }

    @Test
    void afterTheFailureTtlTheImageIsTriedAgainAndAfterAMinuteLoggedAgainWithTheCountLeftOut() {
        request("/broken.png");
        ticker.advance(RewriteCache.FAILURE_TTL);
        request("/broken.png");
        assertThat(parses).hasValue(2);
        assertThat(logged()).as("the second failure falls in the same minute").hasSize(1);

        ticker.advance(RewriteFailures.LOG_INTERVAL);
        request("/broken.png");
        assertThat(logged()).hasSize(2);
        assertThat(logged().get(1).getMessage() + Arrays.toString(logged().get(1).getParameters()))
                .contains("1 more like it");
    }

    @Test
    void aFixedImageIsNotHeldBackByTheRememberedFailure() throws IOException {
        request("/broken.png");
        Step step = pipeline.begin(RequestFacts.of("GET", "/broken.png"));
        try (Exchange exchange = ((Step.Forward) step).exchange();
             InputStream in = getClass().getResourceAsStream("/org/imageguard/engine/png/meta.png")) {
            exchange.decide(OriginResponse.ok("image/png").withEtag("\"fixed\""));
            assertThat(exchange.complete(in.readAllBytes()).header("X-ImageGuard")).isEqualTo("miss;stage=protected");
        }
    }

    @Test
    void distinctUrlsOfOneBadImageCannotFloodTheLogEither() {
        for (int i = 0; i < RewriteFailures.MAX_TRACKED + 500; i++) {
            request("/broken.png?v=" + i);
        }
        assertThat(logged()).hasSizeLessThanOrEqualTo(RewriteFailures.MAX_TRACKED + 1);
        assertThat(pipeline.failures().total()).isEqualTo(RewriteFailures.MAX_TRACKED + 500);
    }

    @Test
    void theThrottleIsPerUrl() {
        request("/a.png");
        request("/b.png");
        assertThat(logged()).hasSize(2);
    }

    @Test
    void aHotTooLargeImageIsAlsoLoggedOncePerMinute() {
        for (int i = 0; i < REQUESTS; i++) {
            try (Exchange exchange = ((Step.Forward) pipeline.begin(RequestFacts.of("GET", "/huge.jpg"))).exchange()) {
                assertThat(exchange.decide(OriginResponse.ok("image/jpeg").withContentLength(1L << 40)))
                        .isEqualTo(RewriteDecision.BYPASS_TOO_LARGE);
            }
        }
        assertThat(logged()).hasSize(1);
        assertThat(pipeline.tooLargeCount()).isEqualTo(REQUESTS);
    }
}
