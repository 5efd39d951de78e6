package org.imageguard.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter's meters on embedded Jetty: bound to a registry the application owns and hands over in a ServletContext
 * attribute ({@code meter-registry-attribute}), taken out of it when the filter is destroyed; {@code metrics-path}
 * answered only to the addresses of {@code metrics-allow}; bad metrics init-params stop start-up with one line.
 * The same meters through {@code metrics-path} on Tomcat: {@link ImageGuardFilterTomcatTest}.
 */
class FilterMetricsTest {

    static final String GPTBOT = "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2;"
            + " +https://openai.com/gptbot)";

    @TempDir
    Path root;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /** The application's own registry, as Spring Boot would hold it. */
    private final MeterRegistry application = new SimpleMeterRegistry();
    private final Semaphore returned = new Semaphore(0);
    private Server server;
    private URI base;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private void start(Map<String, String> params) throws Exception {
        TestSites.writeSite(root);
        FilterHolder holder = new FilterHolder(new ImageGuardFilter());
        holder.setName("imageguard");
        holder.setInitParameter(ImageGuardFilter.CONFIG_PARAM, "classpath:filter/no-optimize.yaml");
        params.forEach(holder::setInitParameter);
        // Outermost: tells the test when ImageGuard returned. The client may have the whole body before that, and
        // a request's outcome is counted as the filter returns.
        FilterHolder done = new FilterHolder(new Filter() {
            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                try {
                    chain.doFilter(request, response);
                } finally {
                    returned.release();
                }
            }
        });
        server = TestSites.jetty(root, Map.of("app.meters", application), done, holder);
        base = TestSites.uri(server);
    }

    @Test
    void aMissAHitAndARefusalAreCountedInTheApplicationsRegistry() throws Exception {
        start(Map.of("meter-registry-attribute", "app.meters"));

        assertThat(header(get("/img/photo.jpg", null), "X-ImageGuard")).startsWith("miss");
        assertThat(header(get("/img/photo.jpg", null), "X-ImageGuard")).startsWith("hit");
        assertThat(get("/img/photo.jpg", GPTBOT).statusCode()).isEqualTo(403);
        get("/index.html", null);
        assertThat(returned.tryAcquire(4, 10, TimeUnit.SECONDS)).as("the four requests left the filter").isTrue();

        assertThat(application.get("imageguard.cache.misses").functionCounter().count()).isEqualTo(1);
        assertThat(application.get("imageguard.cache.hits").functionCounter().count()).isEqualTo(1);
        assertThat(application.get("imageguard.crawler.blocks").tag("agent", "GPTBot").functionCounter().count())
                .isEqualTo(1);
        assertThat(requests("miss", "none")).isEqualTo(1);
        assertThat(requests("hit", "none")).isEqualTo(1);
        assertThat(requests("pass", "none")).as("index.html").isEqualTo(1);
        assertThat(application.get("imageguard.rewrite").timer().count()).isEqualTo(1);
        assertThat(application.get("imageguard.in.flight.capacity").gauge().value()).isPositive();
    }

    @Test
    void withoutTheAttributeTheMetersReachARegistryTheApplicationAddedToTheGlobalOne() throws Exception {
        Metrics.addRegistry(application); // what Spring Boot does (management.metrics.use-global-registry)
        try {
            start(Map.of());
            get("/img/photo.jpg", null);
            get("/img/photo.jpg", GPTBOT);

            assertThat(application.get("imageguard.cache.misses").functionCounter().count()).isEqualTo(1);
            assertThat(application.get("imageguard.crawler.blocks").tag("agent", "GPTBot").functionCounter()
                    .count()).isEqualTo(1);
        } finally {
            Metrics.removeRegistry(application);
        }
    }

    @Test
    void destroyingTheFilterTakesItsMetersOutOfTheApplicationsRegistry() throws Exception {
        start(Map.of("meter-registry-attribute", "app.meters"));
        get("/img/photo.jpg", GPTBOT);
        assertThat(application.find("imageguard.crawler.blocks").meters()).isNotEmpty();

        server.stop();
        server = null;

        assertThat(application.getMeters()).as("a redeployed filter must not find the dead meters")
                .noneMatch(meter -> meter.getId().getName().startsWith("imageguard."));
    }

    @Test
    void metricsPathServesPrometheusTextToTheAllowedAddressesOnly() throws Exception {
        start(Map.of("metrics-path", "/internal/metrics"));
        get("/img/photo.jpg", null);
        assertThat(returned.tryAcquire(1, 10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(base.resolve("/internal/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(header(metrics, "Content-Type")).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body()).contains("imageguard_cache_misses_total 1.0")
                .contains("imageguard_requests_total{outcome=\"miss\",reason=\"none\"} 1.0")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void anAddressOutsideMetricsAllowGetsNotFound() throws Exception {
        start(Map.of("metrics-path", "/internal/metrics", "metrics-allow", "10.0.0.0/8, 192.0.2.7"));

        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(base.resolve("/internal/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(404);
        assertThat(metrics.body()).doesNotContain("imageguard_");
    }

    @Test
    void withoutMetricsPathThePathIsTheApplicationsOwn() throws Exception {
        start(Map.of());
        assertThat(get("/metrics", null).statusCode()).as("DefaultServlet: no such file").isEqualTo(404);
    }

    @Test
    void aMissingRegistryAttributeStopsStartUpWithOneLine() {
        List<String> lines = FilterLog.capture(() -> assertThatThrownBy(() -> new ImageGuardFilter().init(
                ImageGuardFilterServletsTest.config(Map.of("meter-registry-attribute", "no.such.attribute"))))
                .isInstanceOf(ServletException.class));
        assertThat(lines).containsExactly("SEVERE ImageGuard filter 'imageguard': init-param"
                + " meter-registry-attribute: the ServletContext has no attribute 'no.such.attribute'; set it to the"
                + " application's MeterRegistry before filters start");
    }

    @Test
    void aMetricsAllowThatIsNoAddressStopsStartUpWithOneLine() {
        List<String> lines = FilterLog.capture(() -> assertThatThrownBy(() -> new ImageGuardFilter().init(
                ImageGuardFilterServletsTest.config(Map.of("metrics-path", "/m",
                        "metrics-allow", "prometheus.monitoring.svc"))))
                .isInstanceOf(ServletException.class));
        assertThat(lines).containsExactly("SEVERE ImageGuard filter 'imageguard': init-param metrics-allow: expected"
                + " an IP address or CIDR range, found 'prometheus.monitoring.svc'");
    }

    private double requests(String outcome, String reason) {
        return application.get("imageguard.requests").tag("outcome", outcome).tag("reason", reason).counter().count();
    }

    private HttpResponse<byte[]> get(String path, String userAgent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }
}
