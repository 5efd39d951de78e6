package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imageguard.config.ImageGuardConfig;
import org.imageguard.testing.HeldRewriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public handler answers cache hits on the thread that read the request and hands everything that waits (the
 * origin, the engine) to another thread: a miss held in the engine must not hold up hits on other connections.
 */
class HitBesideAHeldMissTest {

    @TempDir
    Path root;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final HeldRewriter engine = new HeldRewriter(false);
    private ImageGuardServer proxy;

    @BeforeEach
    void start() throws Exception {
        byte[] photo = ProxyFixtures.gpsJpeg();
        Files.write(root.resolve("photo.jpg"), photo);
        Files.write(root.resolve("other.jpg"), photo);
        ImageGuardConfig config = config("origin: { root: '" + root + "' }\noptimize: { mode: none }\n");
        proxy = ImageGuardServer.create(new ConfigReloader(() -> config, engine, null), new ProxyMetrics());
        proxy.start();
    }

    @AfterEach
    void stop() throws Exception {
        engine.release();
        proxy.stop();
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(proxy.publicUrl() + path)).build();
    }

    @Test
    void hitsAreServedWhileAMissWaitsInTheEngine() throws Exception {
        HttpResponse<byte[]> miss = client.send(request("/photo.jpg"), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(miss.headers().firstValue("X-ImageGuard")).contains("miss;stage=protected");

        engine.hold();
        CompletableFuture<HttpResponse<byte[]>> held = client.sendAsync(request("/other.jpg"),
                HttpResponse.BodyHandlers.ofByteArray());
        engine.awaitEntered();
        for (int i = 0; i < 20; i++) {
            HttpResponse<byte[]> hit = client.sendAsync(request("/photo.jpg"), HttpResponse.BodyHandlers.ofByteArray())
                    .get(10, TimeUnit.SECONDS);
            assertThat(hit.headers().firstValue("X-ImageGuard")).contains("hit;stage=protected");
            assertThat(hit.body()).isEqualTo(miss.body());
        }
        assertThat(held).as("still in the engine while the hits were served").isNotDone();

        engine.release();
        HttpResponse<byte[]> released = held.get(10, TimeUnit.SECONDS);
        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(released.headers().firstValue("X-ImageGuard")).contains("miss;stage=protected");
    }
}
