package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imageguard.config.ImageGuardConfig;
import org.imageguard.http.InFlightBudget;
import org.imageguard.testing.HeldRewriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-flight budget behind the proxy: room for one image, the engine held on a latch so a first request stays in
 * flight, and a second image asked meanwhile waits for room ({@code on-busy: wait}, the default), gets 503 at once
 * ({@code reject}), or streams through untouched, labelled busy ({@code pass}).
 */
class ProxyInFlightBudgetTest {

    @TempDir
    Path root;

    private final HttpClient client = HttpClient.newHttpClient();
    private final HeldRewriter engineOnALatch = new HeldRewriter(true);
    private InFlightBudget budget;
    private ImageGuardServer proxy;
    private byte[] photo;

    @BeforeEach
    void images() throws Exception {
        photo = ProxyFixtures.gpsJpeg();
        Files.write(root.resolve("photo.jpg"), photo);
        Files.write(root.resolve("copy.jpg"), photo);
        budget = new InFlightBudget(photo.length);
    }

    private void start(String onBusy) throws Exception {
        ImageGuardConfig config = config("origin: { root: '" + root + "' }\nlimits: { on-busy: " + onBusy + " }\n");
        proxy = ImageGuardServer.create(new ConfigReloader(() -> config, engineOnALatch, budget), new ProxyMetrics());
        proxy.start();
    }

    @AfterEach
    void stop() throws Exception {
        engineOnALatch.release();
        if (proxy != null) {
            proxy.stop();
        }
    }

    @Test
    void byDefaultASecondImageWaitsForRoomAndIsProtectedToo() throws Exception {
        start("wait");
        CompletableFuture<HttpResponse<byte[]>> first = client.sendAsync(request("/photo.jpg"),
                HttpResponse.BodyHandlers.ofByteArray());
        engineOnALatch.awaitEntered();
        CompletableFuture<HttpResponse<byte[]>> second = client.sendAsync(request("/copy.jpg"),
                HttpResponse.BodyHandlers.ofByteArray());
        while (budget.waitedCount() == 0) {
            Thread.onSpinWait(); // until the second request waits for room: an event, not a duration
        }
        assertThat(second).as("no original while the first holds the budget").isNotDone();

        engineOnALatch.release();
        for (HttpResponse<byte[]> response : List.of(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-ImageGuard")).contains("miss;stage=protected");
            assertThat(ProxyFixtures.dataMiningCode(response.body())).isEqualTo("DMI-PROHIBITED");
            assertThat(response.body()).isNotEqualTo(photo);
        }
        assertThat(budget.refusedCount()).isZero();
        // The client may see the last byte before the handler gives the budget back: wait for that event (bounded).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (budget.reserved() != 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(budget.reserved()).isZero();
    }

    @Test
    void withOnBusyRejectASecondImageGets503WithRetryAfterAndNoByteOfTheOriginal() throws Exception {
        start("reject");
        CompletableFuture<HttpResponse<byte[]>> first = client.sendAsync(request("/photo.jpg"),
                HttpResponse.BodyHandlers.ofByteArray());
        engineOnALatch.awaitEntered();

        HttpResponse<byte[]> second = client.send(request("/copy.jpg"), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(second.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(second.headers().firstValue("ETag")).isEmpty();
        assertThat(second.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(second.body().length).isLessThan(100);
        assertThat(proxy.metrics().scrape()).contains("imageguard_busy_total 1.0");

        engineOnALatch.release();
        assertThat(first.get(10, TimeUnit.SECONDS).headers().firstValue("X-ImageGuard")).contains("miss;stage=protected");
    }

    @Test
    void withOnBusyPassASecondImageStreamsThroughUntouchedLabelledBusy() throws Exception {
        start("pass");
        CompletableFuture<HttpResponse<byte[]>> first = client.sendAsync(request("/photo.jpg"),
                HttpResponse.BodyHandlers.ofByteArray());
        engineOnALatch.awaitEntered();
        assertThat(budget.reserved()).isPositive();

        HttpResponse<byte[]> second = client.send(request("/copy.jpg"), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).as("byte-identical to the origin's").isEqualTo(photo);
        assertThat(second.headers().firstValue("X-ImageGuard")).contains("bypass;reason=busy");
        assertThat(second.headers().firstValue("X-Robots-Tag")).contains("noai, noimageai");
        assertThat(budget.refusedCount()).isEqualTo(1);
        assertThat(proxy.configs().site().pipeline().busyCount()).isEqualTo(1);
        assertThat(proxy.metrics().scrape()).contains("imageguard_busy_total 1.0")
                .contains("imageguard_in_flight_bytes " + 2.0 * photo.length);

        engineOnALatch.release();
        HttpResponse<byte[]> firstResponse = first.get(10, TimeUnit.SECONDS);
        assertThat(firstResponse.headers().firstValue("X-ImageGuard")).contains("miss;stage=protected");
        assertThat(ProxyFixtures.dataMiningCode(firstResponse.body())).isEqualTo("DMI-PROHIBITED");
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(proxy.publicUrl() + path)).build();
    }
}
