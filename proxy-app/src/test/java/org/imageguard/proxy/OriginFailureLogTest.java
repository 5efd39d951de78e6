package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A dead origin fails every request; its log says so once a minute per origin and reason, then how many more there
 * were. The minute is a fake ticker's.
 */
class OriginFailureLogTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Logger logger = (Logger) LoggerFactory.getLogger("test.origin-failures");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final OriginFailureLog failures = new OriginFailureLog(logger, nanos::get);

    OriginFailureLogTest() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    private List<String> logged() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void repeatsWithinAMinuteAreCountedNotLoggedAndTheNextLineSaysHowMany() {
        for (int i = 0; i < 3; i++) {
            failures.warn("http://origin.test", "unreachable", "origin {} unreachable: {}", "http://origin.test",
                    "java.net.ConnectException: Connection refused");
        }
        assertThat(logged()).containsExactly(
                "origin http://origin.test unreachable: java.net.ConnectException: Connection refused");

        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        failures.warn("http://origin.test", "unreachable", "origin {} unreachable: {}", "http://origin.test", "again");

        assertThat(logged()).last().isEqualTo("origin http://origin.test unreachable: again"
                + " [2 more like it in the last 60 s not logged]");
    }

    @Test
    void eachReasonAndEachOriginHasItsOwnMinute() {
        failures.warn("http://a.test", "unreachable", "a unreachable");
        failures.warn("http://a.test", "timeout", "a timeout");
        failures.warn("http://b.test", "unreachable", "b unreachable");
        failures.warn("http://a.test", "timeout", "a timeout again");

        assertThat(logged()).containsExactly("a unreachable", "a timeout", "b unreachable");
    }

    @Test
    void aDeadOriginBehindTheProxyLogsOneLineForManyRequests() throws Exception {
        Logger upstreamLog = (Logger) LoggerFactory.getLogger(UpstreamOrigin.class);
        ListAppender<ILoggingEvent> upstreamLines = new ListAppender<>();
        upstreamLines.start();
        upstreamLog.addAppender(upstreamLines);
        int deadPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort(); // closed again at once: nothing listens there
        }
        ImageGuardServer proxy = ImageGuardServer.create(ProxyFixtures.config(
                "origin: { upstream: 'http://127.0.0.1:" + deadPort + "', connect-timeout: 1s }\n"));
        try {
            proxy.start();
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create(proxy.publicUrl() + "/photo" + i + ".jpg")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(502);
            }
        } finally {
            proxy.stop();
            upstreamLog.detachAppender(upstreamLines);
        }
        assertThat(upstreamLines.list).as("5 failed requests within the minute").singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .startsWith("origin http://127.0.0.1:" + deadPort + " unreachable: ");
    }
}
