package org.imageguard.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.config;
import static org.imageguard.proxy.ProxyFixtures.dataMiningCode;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.imageguard.testing.ExternalTool;
import org.junit.jupiter.api.Test;

/** The pipeline behind the proxy in upstream mode, against a WireMock origin that misbehaves in the usual ways. */
class ProxyPipelineTest {

    private static final String LAST_MODIFIED = "Tue, 03 Nov 2026 10:00:00 GMT";

    private final WireMockServer origin = new WireMockServer(options().dynamicPort().gzipDisabled(true));
    private ImageGuardServer proxy;
    private ImageGuardServer replica;
    private byte[] jpeg;

    @BeforeEach
    void startOrigin() throws IOException {
        origin.start();
        jpeg = ProxyFixtures.gpsJpeg();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (ImageGuardServer server : new ImageGuardServer[] {proxy, replica}) {
            if (server != null) {
                server.stop();
            }
        }
        origin.stop();
    }

    private ImageGuardServer startProxy(String yaml) throws Exception {
        ImageGuardServer server = ImageGuardServer.create(config("origin: { upstream: '" + origin.baseUrl()
                + "', timeout: 10s }\n" + yaml));
        server.start();
        return server;
    }

    private void serve(String path, ResponseDefinitionBuilder response) {
        origin.stubFor(WireMock.get(path).willReturn(response));
    }

    private static ResponseDefinitionBuilder image(String type, byte[] body) {
        return aResponse().withHeader("Content-Type", type).withHeader("ETag", "\"v1\"")
                .withHeader("Last-Modified", LAST_MODIFIED).withBody(body);
    }

    private HttpResponse<byte[]> get(ImageGuardServer server, String path) throws Exception {
        return ProxyFixtures.get(server.publicUrl() + path);
    }

    private static String label(HttpResponse<?> response) {
        return response.headers().firstValue("X-ImageGuard").orElse("");
    }

    @Test
    void aPngLabelledAsJpegIsSniffedAndRewrittenAsPng() throws Exception {
        serve("/lying.jpg", image("image/jpeg", demoImage("meadow.png")));
        proxy = startProxy("");

        HttpResponse<byte[]> response = get(proxy, "/lying.jpg");

        assertThat(label(response)).isEqualTo("miss;stage=protected");
        assertThat(HexFormat.of().formatHex(response.body(), 0, 4)).isEqualTo("89504e47");
        assertThat(dataMiningCode(response.body())).isEqualTo("DMI-PROHIBITED");
    }

    @Test
    void aJpegServedAsOctetStreamIsSniffedAndRewritten() throws Exception {
        serve("/download", image("application/octet-stream", jpeg));
        proxy = startProxy("");

        HttpResponse<byte[]> response = get(proxy, "/download");

        assertThat(label(response)).isEqualTo("miss;stage=protected");
        assertThat(dataMiningCode(response.body())).isEqualTo("DMI-PROHIBITED");
    }

    @Test
    void aJpegDeclaredAsTextIsSniffedFromItsFirstBytesAndRewritten() throws Exception {
        // The Content-Type may lie: a JPEG with GPS served as text/plain must not leak its location.
        serve("/notes.txt", image("text/plain", jpeg));
        proxy = startProxy("");

        HttpResponse<byte[]> response = get(proxy, "/notes.txt");

        assertThat(label(response)).isEqualTo("miss;stage=protected");
        assertThat(response.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(dataMiningCode(response.body())).isEqualTo("DMI-PROHIBITED");
        assertThat(exiftool(jpeg, "-gps:all")).as("the fixture carries GPS").contains("GPS");
        assertThat(exiftool(response.body(), "-gps:all")).doesNotContain("GPS");
    }

    @Test
    void textPagesArePeekedAtButStreamByteIdentical() throws Exception {
        StringBuilder html = new StringBuilder("<!doctype html><html><body><svg xmlns='http://www.w3.org/2000/svg'/>");
        while (html.length() < 200_000) {
            html.append("<p>Lorem ipsum dolor sit amet</p>\n");
        }
        byte[] page = html.toString().getBytes(StandardCharsets.UTF_8);
        byte[] svgText = "<svg xmlns='http://www.w3.org/2000/svg'/>\n".getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> bodies = Map.of("/index.html", page, "/drawing.txt", svgText,
                "/tiny.txt", new byte[] {'x'});
        bodies.forEach((path, body) -> serve(path, image(path.endsWith("html") ? "text/html" : "text/plain", body)));
        proxy = startProxy("");

        for (Map.Entry<String, byte[]> served : bodies.entrySet()) {
            String path = served.getKey();
            HttpResponse<byte[]> response = get(proxy, path);
            assertThat(response.body()).as(path).isEqualTo(served.getValue());
            assertThat(label(response)).as(path).isEmpty();
            assertThat(response.headers().firstValue("Content-Type")).as(path).isNotEqualTo(Optional.of("image/jpeg"));
        }
    }

    private static String exiftool(byte[] image, String option) {
        return new String(ExternalTool.runOk(List.of("exiftool", option, "-"), image), StandardCharsets.UTF_8);
    }

    @Test
    void anImageLargerThanMaxImageSizeStreamsThroughUntouched() throws Exception {
        assertThat(jpeg.length).as("the fixture is larger than the limit below").isGreaterThan(1024);
        serve("/big.jpg", image("image/jpeg", jpeg));
        origin.stubFor(WireMock.get("/big-chunked.jpg").willReturn(image("image/jpeg", jpeg)
                .withChunkedDribbleDelay(4, 20)));
        proxy = startProxy("limits: { max-image-size: 1KB }\n");

        for (String path : new String[] {"/big.jpg", "/big-chunked.jpg"}) {
            HttpResponse<byte[]> response = get(proxy, path);
            assertThat(response.body()).as(path).isEqualTo(jpeg);
            assertThat(label(response)).as(path).isEqualTo("bypass;reason=too-large");
            assertThat(response.headers().firstValue("X-Robots-Tag")).as(path).contains("noai, noimageai");
        }
        assertThat(proxy.metrics().scrape()).contains("imageguard_too_large_total 2.0");
    }

    @Test
    void aGzippedImagePassesUntouched() throws Exception {
        byte[] gzipped = gzip(jpeg);
        serve("/z.jpg", image("image/jpeg", gzipped).withHeader("Content-Encoding", "gzip"));
        proxy = startProxy("");

        HttpResponse<byte[]> response = ProxyFixtures.send(HttpRequest.newBuilder(
                URI.create(proxy.publicUrl() + "/z.jpg")).header("Accept-Encoding", "gzip").build());

        assertThat(response.body()).isEqualTo(gzipped);
        assertThat(label(response)).isEqualTo("bypass;reason=encoded");
        assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
    }

    @Test
    void anOrigin304OnRevalidationReusesTheCachedRewrite() throws Exception {
        serve("/photo.jpg", image("image/jpeg", jpeg));
        origin.stubFor(WireMock.get("/photo.jpg").atPriority(1).withHeader("If-None-Match", equalTo("\"v1\""))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"v1\"")));
        // No background recompression: the revalidated hit must be the very body of the miss.
        proxy = startProxy("cache: { fresh-for: 0s }\noptimize: { mode: none }\n");

        HttpResponse<byte[]> first = get(proxy, "/photo.jpg");
        HttpResponse<byte[]> second = get(proxy, "/photo.jpg");

        assertThat(label(first)).isEqualTo("miss;stage=protected");
        assertThat(label(second)).isEqualTo("hit;stage=protected");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
        assertThat(origin.findAll(getRequestedFor(urlEqualTo("/photo.jpg"))
                .withHeader("If-None-Match", equalTo("\"v1\"")))).as("revalidated with the origin's ETag").hasSize(1);
    }

    @Test
    void anOrigin5xxPassesThroughAndIsNotCached() throws Exception {
        origin.stubFor(WireMock.get("/flaky.jpg").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willSetStateTo("up").willReturn(aResponse().withStatus(503).withBody("busy")));
        origin.stubFor(WireMock.get("/flaky.jpg").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(image("image/jpeg", jpeg)));
        proxy = startProxy("");

        HttpResponse<byte[]> failed = get(proxy, "/flaky.jpg");
        HttpResponse<byte[]> recovered = get(proxy, "/flaky.jpg");

        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(new String(failed.body())).isEqualTo("busy");
        assertThat(label(failed)).isEmpty();
        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(label(recovered)).isEqualTo("miss;stage=protected");
    }

    @Test
    void aTimedOutOriginIsA504AndNotCached() throws Exception {
        origin.stubFor(WireMock.get("/slow.jpg").inScenario("slow").whenScenarioStateIs(STARTED)
                .willSetStateTo("fast").willReturn(image("image/jpeg", jpeg).withFixedDelay(3000)));
        origin.stubFor(WireMock.get("/slow.jpg").inScenario("slow").whenScenarioStateIs("fast")
                .willReturn(image("image/jpeg", jpeg)));
        proxy = ImageGuardServer.create(config("origin: { upstream: '" + origin.baseUrl() + "', timeout: 500ms }\n"));
        proxy.start();

        HttpResponse<byte[]> timedOut = get(proxy, "/slow.jpg");
        HttpResponse<byte[]> next = get(proxy, "/slow.jpg");

        assertThat(timedOut.statusCode()).isEqualTo(504);
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(label(next)).isEqualTo("miss;stage=protected");
    }

    @Test
    void twoReplicasGiveIdenticalEtagAndBytes() throws Exception {
        serve("/photo.jpg", image("image/jpeg", jpeg));
        proxy = startProxy("");
        replica = startProxy("");

        HttpResponse<byte[]> one = get(proxy, "/photo.jpg");
        HttpResponse<byte[]> two = get(replica, "/photo.jpg");

        assertThat(label(one)).isEqualTo("miss;stage=protected");
        assertThat(label(two)).isEqualTo("miss;stage=protected");
        assertThat(two.headers().firstValue("ETag")).isPresent().isEqualTo(one.headers().firstValue("ETag"));
        assertThat(two.body()).isEqualTo(one.body());
    }

    @Test
    void unsupportedImagesAreLabelledAndCountedPerFormatOrRefusedWith502() throws Exception {
        byte[] codestream = {(byte) 0xFF, 0x0A, (byte) 0xFA, 0x1F, 0x42, 0x08, 0x10, 0x04, 0x40, 0x00, 0x00, 0x00}; // a bare JPEG XL codestream
        serve("/photo.jxl", image("image/jxl", codestream));
        proxy = startProxy("");

        HttpResponse<byte[]> passed = get(proxy, "/photo.jxl");

        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(passed.body()).isEqualTo(codestream);
        assertThat(label(passed)).isEqualTo("bypass;reason=unsupported");
        assertThat(passed.headers().firstValue("X-Robots-Tag")).hasValue("noai, noimageai");
        assertThat(proxy.metrics().scrape()).contains("imageguard_unsupported_total{format=\"jxl_codestream\"} 1.0");

        replica = startProxy("limits: { on-unsupported: reject }\n");
        HttpResponse<byte[]> refused = get(replica, "/photo.jxl");

        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(label(refused)).isEqualTo("bypass;reason=unsupported");
        assertThat(refused.body()).isNotEqualTo(codestream);
    }

    @Test
    void metricsShowWhatThePipelineDid() throws Exception {
        serve("/photo.jpg", image("image/jpeg", jpeg));
        serve("/broken.jpg", image("image/jpeg", Arrays.copyOf(jpeg, 40)));
        proxy = startProxy("hotlink: { enabled: true, allow: [site.test] }\n");

        HttpResponse<byte[]> miss = get(proxy, "/photo.jpg");
        assertThat(label(miss)).isEqualTo("miss;stage=protected");
        assertThat(label(get(proxy, "/photo.jpg"))).as("the optimiser may have run meanwhile").matches("hit;stage=(protected|optimized)");
        assertThat(label(get(proxy, "/broken.jpg"))).isEqualTo("bypass;reason=error");
        assertThat(ProxyFixtures.send(HttpRequest.newBuilder(URI.create(proxy.publicUrl() + "/photo.jpg"))
                .header("Referer", "https://elsewhere.test/page").build()).statusCode()).isEqualTo(403);
        assertThat(ProxyFixtures.send(HttpRequest.newBuilder(URI.create(proxy.publicUrl() + "/photo.jpg"))
                .header("User-Agent", "Mozilla/5.0 (compatible; GPTBot/1.2)").build()).statusCode()).isEqualTo(403);

        String scrape = proxy.metrics().scrape();
        assertThat(scrape).contains("imageguard_requests_total{outcome=\"miss\",reason=\"none\"} 1.0")
                .contains("imageguard_requests_total{outcome=\"hit\",reason=\"none\"} 1.0")
                .contains("imageguard_requests_total{outcome=\"bypass\",reason=\"error\"} 1.0")
                .contains("imageguard_requests_total{outcome=\"bypass\",reason=\"hotlink\"} 1.0")
                .contains("imageguard_requests_total{outcome=\"bypass\",reason=\"crawler\"} 1.0")
                .contains("imageguard_cache_hits_total 1.0")
                .contains("imageguard_cache_misses_total 1.0")
                .contains("imageguard_rewrite_seconds_count 1")
                .contains("imageguard_hotlink_denials_total 1.0")
                .contains("imageguard_crawler_blocks_total{agent=\"GPTBot\"} 1.0")
                .contains("imageguard_rewrite_errors_total{format=\"jpeg\",reason=\"invalid-image\"} 1.0");
        assertThat(metric(scrape, "imageguard_cache_size_bytes")).isPositive();
        assertThat(metric(scrape, "imageguard_bytes_saved_bytes_total")).as("a rewrite that grows saves nothing")
                .isEqualTo(Math.max(0, jpeg.length - miss.body().length));
    }

    @Test
    void robotsTxtAndTdmrepAreServedWhenTheOriginHasNone() throws Exception {
        proxy = startProxy("");

        HttpResponse<byte[]> robots = ProxyFixtures.send(HttpRequest.newBuilder(
                URI.create(proxy.publicUrl() + "/robots.txt")).header("User-Agent", "GPTBot/1.2").build());
        HttpResponse<byte[]> tdmrep = get(proxy, "/.well-known/tdmrep.json");

        assertThat(robots.statusCode()).as("crawlers may read robots.txt").isEqualTo(200);
        assertThat(new String(robots.body(), StandardCharsets.UTF_8)).contains("User-agent: GPTBot\n");
        assertThat(robots.headers().firstValue("Content-Length")).contains(Integer.toString(robots.body().length));
        assertThat(tdmrep.statusCode()).isEqualTo(200);
        assertThat(new String(tdmrep.body(), StandardCharsets.UTF_8)).contains("tdm-reservation");
    }

    @Test
    void theOriginsRobotsTxtIsAugmented() throws Exception {
        serve("/robots.txt", aResponse().withHeader("Content-Type", "text/plain")
                .withBody("User-agent: *\nDisallow: /private/\n"));
        proxy = startProxy("");

        HttpResponse<byte[]> robots = get(proxy, "/robots.txt");

        assertThat(new String(robots.body(), StandardCharsets.UTF_8))
                .startsWith("User-agent: *\nDisallow: /private/\n").contains("User-agent: GPTBot\n");
    }

    private static double metric(String scrape, String name) {
        return scrape.lines().filter(line -> line.startsWith(name + " ")).mapToDouble(
                line -> Double.parseDouble(line.substring(name.length() + 1))).findFirst().orElse(-1);
    }

    private static byte[] demoImage(String name) throws IOException {
        try (InputStream in = ProxyPipelineTest.class.getResourceAsStream("/demo/images/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(body);
        }
        return bytes.toByteArray();
    }
}
