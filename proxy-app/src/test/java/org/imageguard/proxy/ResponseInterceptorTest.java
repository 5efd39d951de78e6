package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.raw;
import static org.imageguard.proxy.ProxyFixtures.status;
import static org.imageguard.proxy.ProxyFixtures.text;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seam the image pipeline plugs into, driven by small interceptors over a static site. */
class ResponseInterceptorTest {

    @TempDir
    Path root;
    private ImageGuardServer proxy;

    @AfterEach
    void stop() throws Exception {
        proxy.stop();
    }

    private void start(ResponseInterceptor interceptor) throws Exception {
        Files.writeString(root.resolve("small.txt"), "small body");
        Files.writeString(root.resolve("large.txt"), "x".repeat(100));
        proxy = ImageGuardServer.create(ConfigReloader.fixed(ProxyFixtures.config("origin: { root: '" + root
                + "' }\n")), interceptor, new ProxyMetrics());
        proxy.start();
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return ProxyFixtures.get(proxy.publicUrl() + path);
    }

    @Test
    void beforeOriginCanAnswerInsteadOfTheOriginWithTheRequestFacts() throws Exception {
        AtomicReference<RequestFacts> seen = new AtomicReference<>();
        start(new ResponseInterceptor() {
            @Override
            public Optional<Replacement> beforeOrigin(RequestFacts request) {
                seen.set(request);
                return Optional.of(new Replacement("denied", 403, Headers.of("Cache-Control", "private, no-store"),
                        "refused\n".getBytes(StandardCharsets.UTF_8)));
            }
        });

        String answer = raw(proxy.port(), "GET /small.txt?a=%20b HTTP/1.1\r\nHost: site.test\r\nReferer: https://x.test/");

        assertThat(status(answer)).isEqualTo(403);
        assertThat(answer).contains("Cache-Control: private, no-store").contains("Content-Length: 8")
                .endsWith("refused\n");
        assertThat(seen.get().method()).isEqualTo("GET");
        assertThat(seen.get().path()).isEqualTo("/small.txt");
        assertThat(seen.get().query()).isEqualTo("a=%20b");
        assertThat(seen.get().header("referer")).contains("https://x.test/");
        assertThat(proxy.metrics().scrape()).contains("imageguard_requests_total{outcome=\"denied\"} 1.0");
    }

    @Test
    void afterOriginCanReplaceABodyThatFitsTheLimit() throws Exception {
        start(new ResponseInterceptor() {
            @Override
            public long bodyLimit(RequestFacts request, OriginHead origin) {
                return origin.status() == 200 ? 50 : 0;
            }

            @Override
            public Optional<Replacement> afterOrigin(RequestFacts request, OriginHead origin, byte[] body) {
                String upper = new String(body, StandardCharsets.UTF_8).toUpperCase();
                return Optional.of(new Replacement("miss", 200, origin.headers(),
                        upper.getBytes(StandardCharsets.UTF_8)));
            }
        });

        HttpResponse<byte[]> small = get("/small.txt");
        HttpResponse<byte[]> large = get("/large.txt");

        assertThat(text(small)).isEqualTo("SMALL BODY");
        assertThat(small.headers().firstValue("Content-Length")).contains("10");
        assertThat(small.headers().firstValue("ETag")).isPresent();
        assertThat(text(large)).as("longer than the limit: streamed untouched").isEqualTo("x".repeat(100));
        assertThat(get("/missing.txt").statusCode()).isEqualTo(404);
    }

    @Test
    void anEmptyAnswerSendsTheOriginalBytes() throws Exception {
        start(new ResponseInterceptor() {
            @Override
            public long bodyLimit(RequestFacts request, OriginHead origin) {
                return 1 << 20;
            }
        });

        assertThat(text(get("/small.txt"))).isEqualTo("small body");
        assertThat(text(get("/large.txt"))).isEqualTo("x".repeat(100));
    }

    @Test
    void anExceptionInTheInterceptorIsA500WithoutAStackTrace() throws Exception {
        start(new ResponseInterceptor() {
            @Override
            public Optional<Replacement> beforeOrigin(RequestFacts request) {
                throw new IllegalStateException("boom");
            }
        });

        HttpResponse<byte[]> response = get("/small.txt");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(text(response)).isEqualTo("internal error\n");
    }
}
