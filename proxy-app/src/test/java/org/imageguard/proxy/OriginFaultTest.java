package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.config;
import static org.imageguard.proxy.ScriptedOrigin.ascii;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.imageguard.http.InFlightBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Origins that misbehave, behind the proxy with {@code origin.timeout: 1s}: each answer is a short text status of
 * the proxy's own (504 for slowness, 502 for broken or oversized replies), never Jetty's HTML page, never a hang,
 * and the in-flight budget is given back. The slowness is the origin's script pausing, not the test timing anything.
 */
class OriginFaultTest {

    private static final byte[] JPEG_START = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F',
        'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0};

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ScriptedOrigin origin;
    private ImageGuardServer proxy;
    private InFlightBudget budget;

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
        if (origin != null) {
            origin.close();
        }
    }

    private void start(ScriptedOrigin.Script script) throws Exception {
        origin = ScriptedOrigin.start(script);
        budget = new InFlightBudget(64L << 20);
        String yaml = "origin: { upstream: '" + origin.url() + "', timeout: 1s, connect-timeout: 1s }\n";
        proxy = ImageGuardServer.create(new ConfigReloader(() -> config(yaml),
                org.imageguard.http.ImageRewriter.of(new org.imageguard.engine.ImageGuardEngine()), budget), new ProxyMetrics());
        proxy.start();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxy.publicUrl() + path))
                .timeout(Duration.ofSeconds(20)); // far beyond origin.timeout: only a hang reaches it
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A status line and headers of a response on a connection the origin closes after it. */
    private static byte[] ok(String headersAndBody) {
        return ascii("HTTP/1.1 200 OK\r\nConnection: close\r\n" + headersAndBody);
    }

    private static void write(Socket socket, byte[] bytes) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    private static void pauseForever() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE); // until the origin is closed: the fault under test is silence
    }

    private void assertPlainStatus(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(response.body()).doesNotContain("<html").doesNotContain("Exception").doesNotContain("Error");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(budget.reserved()).as("the in-flight budget is given back").isZero();
    }

    @Test
    void anOriginThatNeverSendsItsHeadersGets504() throws Exception {
        start((head, socket) -> pauseForever());
        assertPlainStatus(get("/slow.jpg"), 504);
    }

    @Test
    void anOriginThatTricklesItsBodyGets504WithinTheTimeoutNotWhenItEnds() throws Exception {
        start((head, socket) -> {
            write(socket, ok("Content-Type: image/jpeg\r\nContent-Length: 100000\r\n\r\n"));
            write(socket, JPEG_START);
            for (int i = 0; i < 100_000; i++) {
                write(socket, new byte[] {0});
                Thread.sleep(100); // a byte every 100 ms: never idle for a whole second, never done either
            }
        });
        assertPlainStatus(get("/trickle.jpg"), 504);
    }

    @Test
    void anOriginThatResetsMidBodyGets502() throws Exception {
        start((head, socket) -> {
            write(socket, ok("Content-Type: image/jpeg\r\nContent-Length: 100000\r\n\r\n"));
            write(socket, JPEG_START);
            socket.setSoLinger(true, 0);
            socket.close(); // a TCP reset
        });
        assertPlainStatus(get("/reset.jpg"), 502);
    }

    @Test
    void aBodyShorterThanItsContentLengthGets502() throws Exception {
        start((head, socket) -> {
            write(socket, ok("Content-Type: image/jpeg\r\nContent-Length: 5000\r\n\r\n"));
            write(socket, JPEG_START);
            socket.shutdownOutput(); // an orderly close, 4980 bytes early
            pauseForever();
        });
        assertPlainStatus(get("/short.jpg"), 502);
    }

    @Test
    void aBodyLongerThanItsContentLengthIsCutAtTheLengthAndNeverAnErrorPage() throws Exception {
        byte[] tail = new byte[4000];
        Arrays.fill(tail, (byte) 'x');
        start((head, socket) -> {
            write(socket, ok("Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"));
            write(socket, tail); // bytes past the declared length: not part of this response
            pauseForever();
        });
        HttpResponse<String> response = get("/long.txt");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello");
        assertThat(budget.reserved()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {20 * 1024, 64 * 1024})
    void oversizedOriginHeadersGet502NotJettysErrorPageNorTheOriginsServerHeader(int size) throws Exception {
        String huge = "x".repeat(size);
        start((head, socket) -> write(socket, ok("Server: leaky-origin/1.0\r\nContent-Type: text/plain\r\n"
                + "X-Huge: " + huge + "\r\nContent-Length: 5\r\n\r\nhello")));
        HttpResponse<String> response = get("/huge.txt");
        assertPlainStatus(response, 502);
        assertThat(response.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void unauthorisedAndForbiddenPassThroughWithAndWithoutAuthorization() throws Exception {
        start((head, socket) -> {
            boolean authorised = head.toLowerCase(java.util.Locale.ROOT).contains("\r\nauthorization:");
            String status = head.startsWith("GET /401") ? "401 Unauthorized" : "403 Forbidden";
            String body = authorised ? "with credentials" : "without credentials";
            write(socket, ascii("HTTP/1.1 " + status + "\r\nConnection: close\r\nContent-Type: text/plain\r\nWWW-Authenticate: Basic"
                    + " realm=\"x\"\r\nContent-Length: " + body.length() + "\r\n\r\n" + body));
        });
        for (String path : new String[] {"/401.jpg", "/403.jpg"}) {
            int status = path.startsWith("/401") ? 401 : 403;
            HttpResponse<String> anonymous = get(path);
            assertThat(anonymous.statusCode()).isEqualTo(status);
            assertThat(anonymous.body()).isEqualTo("without credentials");
            HttpResponse<String> authorised = get(path, "Authorization", "Basic dTpw");
            assertThat(authorised.statusCode()).isEqualTo(status);
            assertThat(authorised.body()).as("the Authorization header reached the origin")
                    .isEqualTo("with credentials");
        }
        assertThat(budget.reserved()).isZero();
        assertThat(String.join("", origin.requests()).getBytes(StandardCharsets.ISO_8859_1)).isNotEmpty();
    }
}
