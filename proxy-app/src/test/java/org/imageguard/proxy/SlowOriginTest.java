package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.config;
import static org.imageguard.proxy.ScriptedOrigin.ascii;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.imageguard.http.InFlightBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A slow origin must not hold the proxy's threads: on a pool of a few threads, more requests than threads wait for
 * an origin that holds back its headers, or sends its headers and the start of the body and then nothing (an image
 * candidate the proxy buffers, or a body passing through to clients that already have its first half), and a cache
 * hit is still answered. With a thread blocked per origin request, the hit would wait until the origin let go. The
 * origin's pause is a latch the test opens, not a duration; afterwards every slow request gets its whole answer.
 */
class SlowOriginTest {

    private static final int THREADS = 8;
    private static final int SLOW_REQUESTS = 16;
    private static final String SVG = "<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>";
    /** The body of a slow answer that is no image: its first half is sent at once, the rest after the latch. */
    private static final byte[] TEXT = "0123456789abcdef".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);

    private final CountDownLatch originLetsGo = new CountDownLatch(1);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private ScriptedOrigin origin;
    private ImageGuardServer proxy;
    private InFlightBudget budget;
    private byte[] jpeg;

    @BeforeEach
    void startOnATinyPool() throws Exception {
        jpeg = ProxyFixtures.gpsJpeg();
        origin = ScriptedOrigin.start(this::answer);
        QueuedThreadPool threads = new QueuedThreadPool(THREADS, 2);
        threads.setReservedThreads(0);
        budget = new InFlightBudget(256L << 20);
        // origin.timeout far beyond the test: only the latch ends the origin's pause.
        String yaml = "origin: { upstream: '" + origin.url() + "', timeout: 120s }\n";
        proxy = ImageGuardServer.create(new ConfigReloader(() -> config(yaml),
                org.imageguard.http.ImageRewriter.of(new org.imageguard.engine.ImageGuardEngine()), budget),
                new ProxyMetrics(), threads);
        proxy.start();
    }

    @AfterEach
    void stop() throws Exception {
        originLetsGo.countDown();
        proxy.stop();
        origin.close();
    }

    /**
     * {@code /hit.svg}: at once, and cached by the proxy. {@code /headers-late.txt}: nothing until the latch. The
     * others send their headers and half the body, the rest after the latch: {@code /passed.mp4} streams through,
     * {@code /peeked.txt} has its first bytes peeked at and then streams, {@code /held.jpg} is a candidate the
     * proxy buffers.
     */
    private void answer(String head, Socket socket) throws Exception {
        OutputStream out = socket.getOutputStream();
        String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
        if (path.equals("/hit.svg")) {
            out.write(ascii(ok("image/svg+xml", SVG.length()) + SVG));
            return;
        }
        if (path.equals("/headers-late.txt")) {
            originLetsGo.await();
        }
        byte[] body = path.endsWith(".jpg") ? jpeg : TEXT;
        String type = path.endsWith(".jpg") ? "image/jpeg" : path.endsWith(".mp4") ? "video/mp4" : "text/plain";
        out.write(ascii(ok(type, body.length)));
        out.write(body, 0, body.length / 2);
        out.flush();
        originLetsGo.await();
        out.write(body, body.length / 2, body.length - body.length / 2);
    }

    private static String ok(String type, int length) {
        return "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: " + type + "\r\nContent-Length: " + length
                + "\r\n\r\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"/headers-late.txt", "/held.jpg"})
    void requestsWaitingForASlowOriginDoNotStarveACacheHit(String slowPath) throws Exception {
        List<CompletableFuture<HttpResponse<InputStream>>> slow = slowRequestsThenAHit(slowPath);

        assertThat(slow).as("the origin still holds every slow request").noneMatch(CompletableFuture::isDone);
        originLetsGo.countDown();
        for (CompletableFuture<HttpResponse<InputStream>> response : slow) {
            HttpResponse<InputStream> whole = response.get(60, TimeUnit.SECONDS);
            assertThat(whole.statusCode()).isEqualTo(200);
            byte[] body = whole.body().readAllBytes();
            if (slowPath.endsWith(".jpg")) {
                // The first one rewritten; the others, asked at once, share its rewrite (a hit or a miss), which
                // the background optimizer may already have recompressed.
                assertThat(whole.headers().firstValue("X-ImageGuard").orElse(""))
                        .matches("(miss|hit);stage=(protected|optimized)");
                assertThat(ProxyFixtures.dataMiningCode(body)).isEqualTo("DMI-PROHIBITED");
            } else {
                assertThat(body).isEqualTo(TEXT);
            }
        }
        // The client may see the last byte before the handler gives the budget back: wait for that event (bounded).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (budget.reserved() != 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(budget.reserved()).as("every candidate gave its budget back").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/passed.mp4", "/peeked.txt"})
    void bodiesPassingThroughFromASlowOriginDoNotStarveACacheHit(String slowPath) throws Exception {
        List<CompletableFuture<HttpResponse<InputStream>>> slow = slowRequestsThenAHit(slowPath);

        for (CompletableFuture<HttpResponse<InputStream>> response : slow) {
            // Mid-body: each client has the head and the half the origin sent, and waits for the rest.
            HttpResponse<InputStream> passing = response.get(20, TimeUnit.SECONDS);
            assertThat(passing.statusCode()).isEqualTo(200);
            assertThat(passing.body().readNBytes(TEXT.length / 2)).isEqualTo(Arrays.copyOf(TEXT, TEXT.length / 2));
        }
        originLetsGo.countDown();
        for (CompletableFuture<HttpResponse<InputStream>> response : slow) {
            assertThat(response.get().body().readAllBytes())
                    .isEqualTo(Arrays.copyOfRange(TEXT, TEXT.length / 2, TEXT.length));
        }
    }

    /**
     * Caches {@code /hit.svg}, sends {@link #SLOW_REQUESTS} requests for {@code slowPath}, waits until the origin
     * holds them all, and asks for the hit: it must come from the cache while the origin still holds them.
     */
    private List<CompletableFuture<HttpResponse<InputStream>>> slowRequestsThenAHit(String slowPath)
            throws Exception {
        HttpResponse<InputStream> first = get("/hit.svg").get(20, TimeUnit.SECONDS); // now cached
        assertThat(first.statusCode()).isEqualTo(200);
        first.body().readAllBytes();
        List<CompletableFuture<HttpResponse<InputStream>>> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_REQUESTS; i++) {
            slow.add(get(slowPath));
        }
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (origin.requests().size() < 1 + SLOW_REQUESTS && System.nanoTime() < giveUp) {
            Thread.sleep(10); // until the origin holds every slow request; the limit only bounds a failure
        }

        // Its time limit is far beyond what a hit takes, and far below origin.timeout, which would free the threads.
        HttpResponse<InputStream> hit = get("/hit.svg").get(20, TimeUnit.SECONDS);

        assertThat(origin.requests().size() - 1).as("slow requests the origin holds at once, more than the threads:"
                + " none waits for a thread").isEqualTo(SLOW_REQUESTS);
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(hit.headers().firstValue("X-ImageGuard").orElse("")).startsWith("hit");
        assertThat(hit.body().readAllBytes()).isNotEmpty();
        assertThat(origin.requests()).as("the hit did not ask the origin").hasSize(1 + SLOW_REQUESTS);
        return slow;
    }

    private CompletableFuture<HttpResponse<InputStream>> get(String path) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create(proxy.publicUrl() + path))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }
}
