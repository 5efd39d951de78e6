package org.imageguard.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.config;
import static org.imageguard.proxy.ProxyFixtures.raw;
import static org.imageguard.proxy.ProxyFixtures.send;
import static org.imageguard.proxy.ProxyFixtures.status;
import static org.imageguard.proxy.ProxyFixtures.text;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamModeTest {

    private final WireMockServer origin = new WireMockServer(options().dynamicPort().gzipDisabled(true));
    private ImageGuardServer proxy;

    @BeforeEach
    void startOrigin() {
        origin.start();
    }

    @AfterEach
    void stopBoth() throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
        origin.stop();
    }

    private void startProxy(String upstream) throws Exception {
        startProxy(upstream, "10s"); // generous: a loaded build machine must not turn into a 504
    }

    private void startProxy(String upstream, String timeout) throws Exception {
        proxy = ImageGuardServer.create(config("origin: { upstream: '" + upstream + "', timeout: " + timeout
                + " }\n"));
        proxy.start();
    }

    private void startProxy() throws Exception {
        startProxy(origin.baseUrl());
    }

    private String url(String pathAndQuery) {
        return proxy.publicUrl() + pathAndQuery;
    }

    private LoggedRequest onlyRequestAtOrigin() {
        List<LoggedRequest> requests = origin.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    @Test
    void forwardsMethodRawPathQueryAndBody() throws Exception {
        origin.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201).withBody("created")));
        startProxy();

        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(url("/up/a%20b/c%2Bd?q=%2F%20x&z")))
                .header("X-Custom", "kept").POST(HttpRequest.BodyPublishers.ofString("hello origin")).build());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(text(response)).isEqualTo("created");
        LoggedRequest seen = onlyRequestAtOrigin();
        assertThat(seen.getMethod().getName()).isEqualTo("POST");
        assertThat(seen.getUrl()).isEqualTo("/up/a%20b/c%2Bd?q=%2F%20x&z");
        assertThat(seen.getBodyAsString()).isEqualTo("hello origin");
        assertThat(seen.getHeader("X-Custom")).isEqualTo("kept");
    }

    @Test
    void addsForwardingHeadersAndRemovesHopByHopOnesFromTheRequest() throws Exception {
        origin.stubFor(any(anyUrl()).willReturn(aResponse().withBody("ok")));
        startProxy();

        String answer = raw(proxy.port(), "GET /hop HTTP/1.1\r\nHost: www.example.test\r\n"
                + "X-Forwarded-For: 203.0.113.9\r\nKeep-Alive: timeout=5\r\nProxy-Authorization: Basic eDp5\r\n"
                + "TE: trailers\r\nX-Listed: secret\r\nConnection: X-Listed\r\nX-Plain: kept");

        assertThat(status(answer)).isEqualTo(200);
        LoggedRequest seen = onlyRequestAtOrigin();
        assertThat(seen.getHeader("X-Forwarded-For")).isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(seen.getHeader("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seen.getHeader("X-Forwarded-Host")).isEqualTo("www.example.test");
        assertThat(seen.getHeader("Via")).isEqualTo("1.1 imageguard");
        assertThat(seen.getHeader("X-Plain")).isEqualTo("kept");
        assertThat(seen.containsHeader("Keep-Alive")).isFalse();
        assertThat(seen.containsHeader("Proxy-Authorization")).isFalse();
        assertThat(seen.containsHeader("TE")).isFalse();
        assertThat(seen.containsHeader("X-Listed")).isFalse();
        assertThat(seen.getHeader("Host")).isEqualTo("localhost:" + origin.port())
                .as("Host names the origin; the client's goes in X-Forwarded-Host");
    }

    @Test
    void removesHopByHopHeadersFromTheResponse() throws Exception {
        origin.stubFor(any(anyUrl()).willReturn(aResponse().withBody("ok").withHeader("Keep-Alive", "timeout=5")
                .withHeader("Proxy-Authenticate", "Basic realm=x").withHeader("X-Origin", "kept")));
        startProxy();

        String answer = raw(proxy.port(), "GET /hop HTTP/1.1\r\nHost: www.example.test");

        assertThat(status(answer)).isEqualTo(200);
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
        assertThat(head).contains("x-origin: kept").doesNotContain("keep-alive").doesNotContain("proxy-authenticate");
    }

    @Test
    void redirectsArePassedOnNotFollowed() throws Exception {
        origin.stubFor(get("/old").willReturn(aResponse().withStatus(302).withHeader("Location", "/new")));
        origin.stubFor(get("/new").willReturn(aResponse().withBody("followed")));
        startProxy();

        HttpResponse<byte[]> response = ProxyFixtures.get(url("/old"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).contains("/new");
        assertThat(origin.findAll(getRequestedFor(urlEqualTo("/new")))).isEmpty();
    }

    @Test
    void gzipBodiesPassUntouched() throws Exception {
        byte[] gzipped = gzip("a compressible body ".repeat(100));
        origin.stubFor(get("/z").willReturn(aResponse().withHeader("Content-Encoding", "gzip")
                .withHeader("Content-Type", "text/plain").withBody(gzipped)));
        startProxy();

        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(url("/z")))
                .header("Accept-Encoding", "gzip").build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(response.body()).isEqualTo(gzipped);
        assertThat(onlyRequestAtOrigin().getHeader("Accept-Encoding")).isEqualTo("gzip");
    }

    @Test
    void chunkedBodiesStreamThroughWithoutALength() throws Exception {
        String body = "0123456789".repeat(1000);
        // Typed: a body without a Content-Type could be an image, and those are buffered to be sniffed.
        origin.stubFor(get("/stream").willReturn(aResponse().withHeader("Content-Type", "text/plain")
                .withBody(body).withChunkedDribbleDelay(5, 50)));
        startProxy();

        HttpResponse<byte[]> response = ProxyFixtures.get(url("/stream"));

        assertThat(text(response)).isEqualTo(body);
        assertThat(response.headers().firstValue("Transfer-Encoding")).contains("chunked");
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
    }

    @Test
    void originErrorsArePassedThrough() throws Exception {
        origin.stubFor(get("/missing").willReturn(aResponse().withStatus(404).withBody("no such page")));
        origin.stubFor(get("/broken").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")
                .withBody("down for maintenance")));
        startProxy();

        HttpResponse<byte[]> missing = ProxyFixtures.get(url("/missing"));
        HttpResponse<byte[]> broken = ProxyFixtures.get(url("/broken"));

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(text(missing)).isEqualTo("no such page");
        assertThat(broken.statusCode()).isEqualTo(503);
        assertThat(broken.headers().firstValue("Retry-After")).contains("7");
        assertThat(text(broken)).isEqualTo("down for maintenance");
    }

    @Test
    void anOriginThatRefusesConnectionsIsABadGateway() throws Exception {
        startProxy("http://127.0.0.1:" + ProxyFixtures.closedPort());

        HttpResponse<byte[]> response = ProxyFixtures.get(url("/x.jpg"));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(text(response)).isEqualTo("cannot reach the origin\n").doesNotContain("Exception");
        assertThat(proxy.metrics().scrape()).contains("imageguard_requests_total{outcome=\"origin_error\",reason=\"none\"} 1.0");
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"EMPTY_RESPONSE", "CONNECTION_RESET_BY_PEER", "RANDOM_DATA_THEN_CLOSE"})
    void anOriginThatBreaksTheConnectionIsABadGateway(Fault fault) throws Exception {
        origin.stubFor(get("/broken.jpg").willReturn(aResponse().withFault(fault)));
        startProxy();

        HttpResponse<byte[]> response = ProxyFixtures.get(url("/broken.jpg"));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(text(response)).doesNotContain("Exception");
    }

    @Test
    void anOriginSlowerThanTheTimeoutIsAGatewayTimeout() throws Exception {
        origin.stubFor(get("/slow").willReturn(aResponse().withBody("late").withFixedDelay(3000)));
        startProxy(origin.baseUrl(), "500ms");

        HttpResponse<byte[]> response = ProxyFixtures.get(url("/slow"));

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(text(response)).isEqualTo("the origin did not answer in time\n");
    }

    @Test
    void anAbsoluteFormTargetCannotChooseAnotherOrigin() throws Exception {
        origin.stubFor(any(anyUrl()).willReturn(aResponse().withBody("configured origin")));
        startProxy();

        String answer = raw(proxy.port(), "GET http://127.0.0.2:1/abs?x=1 HTTP/1.1\r\nHost: 127.0.0.2:1");

        assertThat(status(answer)).isEqualTo(200);
        assertThat(answer).endsWith("configured origin");
        assertThat(onlyRequestAtOrigin().getUrl()).isEqualTo("/abs?x=1");
    }

    @Test
    void aForgedHostHeaderCannotChooseAnotherOrigin() throws Exception {
        origin.stubFor(any(anyUrl()).willReturn(aResponse().withBody("configured origin")));
        startProxy();

        String answer = raw(proxy.port(), "GET /forged HTTP/1.1\r\nHost: 127.0.0.2:1");

        assertThat(status(answer)).isEqualTo(200);
        assertThat(answer).endsWith("configured origin");
        assertThat(origin.findAll(getRequestedFor(urlPathEqualTo("/forged")))).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET @127.0.0.2:1/x HTTP/1.1", "GET 127.0.0.2:1/x HTTP/1.1",
        "CONNECT 127.0.0.2:1 HTTP/1.1", "TRACE / HTTP/1.1", "GET //127.0.0.2:1/x HTTP/1.1"})
    void noRequestTargetOrMethodReachesAnotherHost(String requestLine) throws Exception {
        origin.stubFor(any(anyUrl()).willReturn(aResponse().withBody("configured origin")));
        startProxy();

        String answer = raw(proxy.port(), requestLine + "\r\nHost: 127.0.0.2:1");

        if (status(answer) == 200) {
            assertThat(answer).as("served, then only by the configured origin").endsWith("configured origin");
        } else {
            assertThat(status(answer)).isBetween(400, 499);
            assertThat(origin.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        }
    }

    @Test
    void theUpstreamPathIsAPrefix() throws Exception {
        origin.stubFor(any(anyUrl()).willReturn(aResponse().withBody("ok")));
        startProxy(origin.baseUrl() + "/site/");

        ProxyFixtures.get(url("/images/a.jpg?v=2"));

        assertThat(onlyRequestAtOrigin().getUrl()).isEqualTo("/site/images/a.jpg?v=2");
    }

    @Test
    void headGetsTheOriginsHeadersWithoutABody() throws Exception {
        origin.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "image/png")
                .withBody(new byte[1234])));
        startProxy();

        String answer = raw(proxy.port(), "HEAD /a.png HTTP/1.1\r\nHost: x");

        assertThat(status(answer)).isEqualTo(200);
        assertThat(answer.toLowerCase()).contains("content-type: image/png").endsWith("\r\n\r\n");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
