package org.imageguard.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.Server;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.RewriteResult;
import org.imageguard.http.ImageGuardPipeline;
import org.imageguard.http.ImageRewriter;
import org.imageguard.http.InFlightBudget;
import org.imageguard.testing.HeldRewriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-flight budget behind the filter in Jetty: a budget with room for one image, an engine held on a latch so a
 * first request stays in flight, and a second image asked meanwhile. A wrapper around the filter signals when each
 * request has left it, because the client may see the last byte before the filter's {@code finally} has run.
 */
class ImageGuardFilterBudgetTest {

    @TempDir
    Path root;

    private final HttpClient client = HttpClient.newHttpClient();
    private final HeldRewriter engine = new HeldRewriter(false);
    /** One permit per request that has left the filter. */
    private final Semaphore left = new Semaphore(0);
    private volatile boolean breakTheEngine;
    private InFlightBudget budget;
    private Server server;
    private URI base;
    private byte[] photo;

    private final ImageRewriter engineOnALatch = new ImageRewriter() {
        @Override
        public RewriteResult rewrite(byte[] body, Policy policy) {
            if (breakTheEngine) {
                throw new IllegalStateException("engine bug");
            }
            return engine.rewrite(body, policy);
        }

        /**
         * No background optimisation: its job reserves up to the whole budget for a moment after a miss, which
         * would race these assertions about what requests reserve (and refuse the next request, patience zero).
         */
        @Override
        public boolean optimizes(ImageFormat format) {
            return false;
        }
    };

    @BeforeEach
    void start() throws Exception {
        TestSites.writeSite(root);
        photo = Files.readAllBytes(root.resolve("img/photo.jpg"));
        Files.write(root.resolve("img/copy.jpg"), photo);
        budget = new InFlightBudget(photo.length); // DefaultServlet sends Content-Length: exactly one photo fits
        ImageGuardFilter filter = new ImageGuardFilter(ImageGuardPipeline.builder()
                .rewriter(engineOnALatch)
                .policies(path -> Policy.DEFAULTS)
                .inFlight(budget)
                .busyPatience(Duration.ZERO) // on-busy: wait, with no patience: the 503 comes at once
                .build());
        server = TestSites.jetty(root, new FilterHolder(new Filter() {
            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                try {
                    filter.doFilter(request, response, chain);
                } finally {
                    left.release();
                }
            }
        }));
        base = TestSites.uri(server);
    }

    @AfterEach
    void stop() throws Exception {
        engine.release();
        server.stop();
    }

    @Test
    void whileOneImageHoldsTheBudgetAnotherGets503WithRetryAfterNeverTheOriginal() throws Exception {
        engine.hold();
        CompletableFuture<HttpResponse<byte[]>> first = client.sendAsync(request("/img/photo.jpg"),
                HttpResponse.BodyHandlers.ofByteArray());
        engine.awaitEntered();
        assertThat(budget.reserved()).as("the body and its rewritten copy").isEqualTo(2L * photo.length);

        HttpResponse<byte[]> second = get("/img/copy.jpg");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(header(second, "Retry-After")).isPresent();
        assertThat(header(second, "Cache-Control")).contains("no-store");
        assertThat(header(second, "ETag")).isEmpty();
        assertThat(second.body().length).as("a short text, no byte of the photo").isLessThan(100);
        assertThat(budget.refusedCount()).isEqualTo(1);

        engine.release();
        HttpResponse<byte[]> firstResponse = first.get(10, TimeUnit.SECONDS);
        assertThat(header(firstResponse, "X-ImageGuard")).contains("miss;stage=protected");
        assertThat(firstResponse.body()).isNotEqualTo(photo);
        assertThat(left.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();
        assertThat(budget.reserved()).as("given back once the first request left the filter").isZero();

        assertThat(header(get("/img/copy.jpg"), "X-ImageGuard")).contains("miss;stage=protected");
    }

    @Test
    void theBudgetIsGivenBackAfterAnEngineFailure() throws Exception {
        breakTheEngine = true;
        HttpResponse<byte[]> response = get("/img/photo.jpg");
        assertThat(header(response, "X-ImageGuard")).contains("bypass;reason=error");
        assertThat(response.body()).isEqualTo(photo);
        assertThat(left.tryAcquire(1, 10, TimeUnit.SECONDS)).isTrue();
        assertThat(budget.reserved()).isZero();
        assertThat(budget.refusedCount()).isZero();
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).build();
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return client.send(request(path), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Optional<String> header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name);
    }

}
