package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.config;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.imageguard.http.InFlightBudget;
import org.imageguard.testing.HeldRewriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Misses that find the in-flight budget spent ({@code on-busy: wait}, the default) on a pool of a few threads. A
 * request waiting for room must not hold a thread: with one, more waiting misses than threads pinned the whole pool,
 * and the request holding the room could not get a thread to finish its own answer and give the room back, so
 * cache hits and everything else waited too (1,000 clients of a 16 MB image a byte a second: 136-192 of them without
 * a first byte for 30 s, a normal request waiting 7-10 s). And the room goes back once the protected image exists in
 * the cache, not when a slow client has read it. Pauses are latches and stalled sockets, not durations.
 */
class BudgetWaitTest {

    private static final int THREADS = 8;
    private static final int WAITING = 16;
    private static final String SVG = "<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>";
    /** An SVG candidate far larger than a loopback socket's buffers (4 MB at most with Linux's autotuning). */
    private static final int LARGE = 12 << 20;

    @TempDir
    Path root;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final HeldRewriter engine = new HeldRewriter(false);
    private final List<Socket> sockets = new ArrayList<>();
    private InFlightBudget budget;
    private ImageGuardServer proxy;

    /** A static site on a pool of {@link #THREADS} threads, with room in the budget for one body of {@code bytes}. */
    private void start(long bytes) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(THREADS, 2);
        threads.setReservedThreads(0);
        budget = new InFlightBudget(2 * bytes); // a candidate reserves its body and the rewritten copy
        String yaml = "origin: { root: '" + root + "' }\nlimits: { max-image-size: 64MB }\noptimize: { mode: none }\n";
        proxy = ImageGuardServer.create(new ConfigReloader(() -> config(yaml), engine, budget), new ProxyMetrics(),
                threads);
        proxy.start();
    }

    @AfterEach
    void stop() throws Exception {
        engine.release();
        for (Socket socket : sockets) {
            socket.close();
        }
        if (proxy != null) {
            proxy.stop();
        }
    }

    @Test
    void missesWaitingForRoomInTheBudgetHoldNoThread() throws Exception {
        byte[] photo = ProxyFixtures.gpsJpeg();
        for (int i = 0; i <= WAITING; i++) {
            Files.write(root.resolve("photo-" + i + ".jpg"), photo);
        }
        Files.writeString(root.resolve("hit.svg"), SVG);
        Files.writeString(root.resolve("notes.txt"), "not an image\n");
        start(photo.length);
        assertThat(get("/hit.svg").get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200); // now cached

        engine.hold();
        CompletableFuture<HttpResponse<byte[]>> holder = get("/photo-0.jpg");
        engine.awaitEntered(); // the first photo holds all the room, its rewrite held at the gate
        List<CompletableFuture<HttpResponse<byte[]>>> waiting = new ArrayList<>();
        for (int i = 1; i <= WAITING; i++) {
            waiting.add(get("/photo-" + i + ".jpg"));
        }
        awaitBounded(() -> budget.waitedCount() >= WAITING); // only bounds a failure

        assertThat(budget.waitedCount()).as("misses waiting for room at once, twice the pool's threads: none holds"
                + " one").isEqualTo(WAITING);
        // A hit (no origin, no budget) and a file passing through (the origin, no budget) are both answered. Their
        // time limit is far beyond what they take and longer than the budget's patience (10 s), after which
        // waiting requests would give their threads back with 503.
        HttpResponse<byte[]> hit = get("/hit.svg").get(20, TimeUnit.SECONDS);
        HttpResponse<byte[]> passed = get("/notes.txt").get(20, TimeUnit.SECONDS);
        assertThat(hit.headers().firstValue("X-ImageGuard").orElse("")).startsWith("hit");
        assertThat(new String(passed.body(), StandardCharsets.UTF_8)).isEqualTo("not an image\n");
        assertThat(waiting).as("answered while every waiting miss still waits").noneMatch(CompletableFuture::isDone);
        assertThat(holder).isNotDone();

        engine.release();
        waiting.add(holder);
        for (CompletableFuture<HttpResponse<byte[]>> response : waiting) {
            HttpResponse<byte[]> whole = response.get(60, TimeUnit.SECONDS);
            assertThat(whole.statusCode()).as("room came back, one photo after the other").isEqualTo(200);
            assertThat(ProxyFixtures.dataMiningCode(whole.body())).isEqualTo("DMI-PROHIBITED");
        }
        awaitBounded(() -> budget.reserved() == 0); // the client may see the last byte before the budget is back
        assertThat(budget.reserved()).isZero();
        assertThat(budget.refusedCount()).isZero();
    }

    @Test
    void theRoomGoesBackOnceTheProtectedImageIsCachedNotWhenASlowClientHasReadIt() throws Exception {
        String large = "<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'><desc>" + "x".repeat(LARGE)
                + "</desc></svg>";
        Files.writeString(root.resolve("large.svg"), large);
        Files.writeString(root.resolve("other.svg"), large);
        start(large.length());
        int port = URI.create(proxy.publicUrl()).getPort();

        Socket slow = ProxyFixtures.stalledAfterTheHead(port, "/large.svg");
        sockets.add(slow); // a miss, answered from the cache's off-heap copy

        // The answer is far from written (the client reads nothing), yet its body and rewritten copy are garbage.
        awaitBounded(() -> budget.reserved() == 0);
        assertThat(budget.reserved()).as("room given back while the slow client still reads").isZero();
        HttpResponse<byte[]> other = get("/other.svg").get(60, TimeUnit.SECONDS);
        assertThat(other.statusCode()).as("the next miss finds room, not 503 after waiting").isEqualTo(200);
        assertThat(other.headers().firstValue("X-ImageGuard").orElse("")).startsWith("miss");
        assertThat(ProxyFixtures.restOfBody(slow.getInputStream())).as("the slow client still gets all of it")
                .isEqualTo(other.body().length);
    }

    /** Polls {@code done} until it holds, for at most 20 s: a bound on a failure, not a timing assumption. */
    private static void awaitBounded(BooleanSupplier done) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean() && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }
    }

    private CompletableFuture<HttpResponse<byte[]>> get(String path) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create(proxy.publicUrl() + path))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
