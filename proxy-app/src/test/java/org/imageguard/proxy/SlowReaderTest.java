package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.config;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Clients that stop reading must not hold the proxy's threads: on a pool of a few threads, more clients than threads
 * fetch a body far larger than the sockets' buffers and then read nothing, and a normal request is still answered.
 * With a write that blocks its thread until the client has read everything, the normal request would wait forever.
 */
class SlowReaderTest {

    private static final int THREADS = 8;
    private static final int SLOW_READERS = 12;
    /** Far more than a loopback socket's send buffer (4 MB at most with Linux's autotuning) and receive buffer. */
    private static final int BODY = 12 << 20;

    @TempDir
    Path root;
    private ImageGuardServer proxy;
    private final List<Socket> slowReaders = new ArrayList<>();

    @BeforeEach
    void startOnATinyPool() throws Exception {
        byte[] noise = new byte[BODY];
        new Random(7).nextBytes(noise);
        Files.write(root.resolve("big.bin"), noise); // not an image: streamed from the origin (relay)
        // An SVG is a candidate: rewritten once, then every request is a cache hit written from memory.
        String svg = "<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'><desc>"
                + "x".repeat(BODY) + "</desc></svg>";
        Files.writeString(root.resolve("big.svg"), svg);
        QueuedThreadPool threads = new QueuedThreadPool(THREADS, 2);
        threads.setReservedThreads(0);
        proxy = ImageGuardServer.create(ConfigReloader.fixed(config(
                "origin: { root: '" + root + "' }\nlimits: { max-image-size: 64MB }\n")), new ProxyMetrics(), threads);
        proxy.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket socket : slowReaders) {
            socket.close();
        }
        proxy.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/big.bin", "/big.svg"})
    void clientsThatStopReadingDoNotStarveANormalRequest(String path) throws Exception {
        HttpResponse<byte[]> whole = get(path); // an SVG is now cached; the file is in the page cache
        assertThat(whole.statusCode()).isEqualTo(200);
        int port = URI.create(proxy.publicUrl()).getPort();
        for (int i = 0; i < SLOW_READERS; i++) {
            slowReaders.add(ProxyFixtures.stalledAfterTheHead(port, path));
        }

        // Answered (by the origin: there is no such page) while every slow reader still waits for its body. Its
        // time limit is below Jetty's idle timeout (30 s), which would otherwise free the threads by cutting the
        // slow readers off.
        HttpResponse<byte[]> normal = get("/index.html");

        assertThat(normal.statusCode()).isEqualTo(404);
        for (Socket slow : slowReaders) {
            // None was cut off to make room: each still gets its whole body once it reads.
            assertThat(ProxyFixtures.restOfBody(slow.getInputStream())).isEqualTo(whole.body().length);
        }
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        // Its own client: a time limit that only a starved server reaches, so the failure is an answer, not a hang.
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(HttpRequest.newBuilder(URI.create(proxy.publicUrl() + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
