package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.config;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
            slowReaders.add(stalledAfterTheHead(port, path));
        }

        // Answered (by the origin: there is no such page) while every slow reader still waits for its body. Its
        // time limit is below Jetty's idle timeout (30 s), which would otherwise free the threads by cutting the
        // slow readers off.
        HttpResponse<byte[]> normal = get("/index.html");

        assertThat(normal.statusCode()).isEqualTo(404);
        for (Socket slow : slowReaders) {
            // None was cut off to make room: each still gets its whole body once it reads.
            assertThat(restOfBody(slow.getInputStream())).isEqualTo(whole.body().length);
        }
    }

    /** Reads the rest of the head (through the empty line) and the body to the connection's Content-Length. */
    private static long restOfBody(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder("HTTP/1.1 200");
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)")
                .matcher(head);
        assertThat(length.find()).as(head.toString()).isTrue();
        long expected = Long.parseLong(length.group(1));
        long read = 0;
        byte[] buffer = new byte[64 * 1024];
        while (read < expected) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, expected - read));
            if (n < 0) {
                break;
            }
            read += n;
        }
        return read;
    }

    /**
     * Asks for {@code path} with a small receive buffer, reads the response's first bytes (so the proxy is known to
     * be writing the body), and then reads nothing more.
     */
    private static Socket stalledAfterTheHead(int port, String path) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = socket.getInputStream();
        byte[] head = new byte[12];
        int read = 0;
        while (read < head.length) {
            read += Math.max(0, in.read(head, read, head.length - read));
        }
        assertThat(new String(head, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200");
        return socket;
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        // Its own client: a time limit that only a starved server reaches, so the failure is an answer, not a hang.
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(HttpRequest.newBuilder(URI.create(proxy.publicUrl() + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
