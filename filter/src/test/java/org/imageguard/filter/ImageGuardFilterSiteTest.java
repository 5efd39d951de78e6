package org.imageguard.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.Server;
import org.imageguard.policy.crawlers.CrawlerDecision;
import org.imageguard.policy.hotlink.Placeholder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The filter as a container starts it, from {@code web.xml}-style init-params: {@code config=classpath:filter/site.yaml}
 * (hotlink protection on, {@code partner.test} allowed, placeholder and redirect paths, crawlers blocked, robots.txt
 * augmented), in front of Jetty's DefaultServlet, with the real engine.
 */
class ImageGuardFilterSiteTest {

    private static final String GPTBOT = "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2;"
            + " +https://openai.com/gptbot)";
    private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36";

    @TempDir
    Path root;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Server server;
    private ImageGuardFilter filter;
    private URI base;

    private void start(String config, FilterHolder... before) throws Exception {
        TestSites.writeSite(root);
        for (String dir : new String[] {"placeholder", "moved", "press", "media"}) {
            Files.createDirectories(root.resolve(dir));
        }
        byte[] jpeg = TestSites.resource(TestSites.GPS_JPEG);
        Files.write(root.resolve("placeholder/photo.jpg"), jpeg);
        Files.write(root.resolve("moved/photo.jpg"), jpeg);
        Files.write(root.resolve("press/photo.jpg"), jpeg);
        Files.write(root.resolve("media/image"), jpeg); // an image without an extension, as scripts serve them
        Files.writeString(root.resolve("hotlink.html"), "<p>please link to our page</p>\n");
        filter = new ImageGuardFilter();
        FilterHolder holder = new FilterHolder(filter);
        holder.setInitParameter(ImageGuardFilter.CONFIG_PARAM, config);
        FilterHolder[] filters = Arrays.copyOf(before, before.length + 1);
        filters[before.length] = holder;
        server = TestSites.jetty(root, filters);
        base = TestSites.uri(server);
    }

    private void start() throws Exception {
        start("classpath:filter/site.yaml");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    // ---- Hotlink protection

    @ParameterizedTest(name = "[{index}] {0} Referer={1} Sec-Fetch-Site={2} Sec-Fetch-Dest={3} -> {4}")
    @CsvSource(nullValues = "-", textBlock = """
            /img/photo.jpg, https://partner.test/post,   -,           -,     200
            /img/photo.jpg, https://evil.test/post,      -,           -,     403
            /img/photo.jpg, -,                           cross-site,  image, 403
            /img/photo.jpg, -,                           cross-site,  iframe, 403
            /img/photo.jpg, -,                           cross-site,  object, 403
            /img/photo.jpg, -,                           cross-site,  embed, 403
            /img/photo.jpg, -,                           cross-site,  empty, 403
            /img/photo.jpg, -,                           cross-site,  document, 200
            /img/photo.jpg, -,                           same-origin, image, 200
            /img/photo.jpg, -,                           -,           -,     200
            /img/photo.jpg, https://www.google.com/,     -,           -,     200
            /img/new.webp,  https://evil.test/,          -,           -,     403
            /img/new.avif,  https://evil.test/,          -,           -,     403
            /img/logo.svg,  https://evil.test/,          -,           -,     403
            /media/image,   https://evil.test/,          -,           -,     403
            /media/image,   https://partner.test/,       -,           -,     200
            /index.html,    https://evil.test/,          -,           -,     200
            """)
    void hotlinkTable(String path, String referer, String site, String dest, int status) throws Exception {
        start();
        HttpRequest.Builder request = request(path);
        Optional.ofNullable(referer).ifPresent(value -> request.header("Referer", value));
        Optional.ofNullable(site).ifPresent(value -> request.header("Sec-Fetch-Site", value));
        Optional.ofNullable(dest).ifPresent(value -> request.header("Sec-Fetch-Dest", value));
        HttpResponse<byte[]> response = send(request);
        assertThat(response.statusCode()).isEqualTo(status);
        if (status == 403) {
            assertThat(header(response, "X-ImageGuard")).contains("bypass;reason=hotlink");
            assertThat(header(response, "Cache-Control")).contains("private, no-store");
            assertThat(response.body().length).isLessThan(100);
        }
    }

    @Test
    void theOwnSiteIsAlwaysAllowed() throws Exception {
        start();
        HttpResponse<byte[]> response = send(request("/img/photo.jpg").header("Referer", base + "index.html"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Cross-Origin-Resource-Policy")).contains("same-site");
    }

    @Test
    void aDenialIsNeverCachedAndDoesNotPoisonTheCache() throws Exception {
        start();
        HttpResponse<byte[]> allowed = get("/img/photo.jpg");
        assertThat(header(allowed, "X-ImageGuard")).contains("miss;stage=protected");

        HttpResponse<byte[]> hotlinker = send(request("/img/photo.jpg").header("Referer", "https://evil.test/"));
        assertThat(hotlinker.statusCode()).isEqualTo(403);
        assertThat(header(hotlinker, "ETag")).isEmpty();

        HttpResponse<byte[]> again = get("/img/photo.jpg");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(header(again, "X-ImageGuard")).contains("hit;stage=protected");
        assertThat(again.body()).isEqualTo(allowed.body());
        assertThat(filter.access().orElseThrow().hotlinkDenials()).containsEntry("foreign-referer", 1L);
    }

    @Test
    void anImageWithoutExtensionIsDeniedOnACacheHitToo() throws Exception {
        start();
        assertThat(get("/media/image").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> hotlinker = send(request("/media/image").header("Referer", "https://evil.test/"));
        assertThat(hotlinker.statusCode()).isEqualTo(403);
        assertThat(header(get("/media/image"), "X-ImageGuard")).contains("hit;stage=protected");
    }

    @Test
    void placeholderActionServesTheSmallImageUncached() throws Exception {
        start();
        HttpResponse<byte[]> response = send(request("/placeholder/photo.jpg").header("Referer", "https://evil.test/"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Placeholder.bytes());
        assertThat(header(response, "Content-Type")).contains("image/png");
        assertThat(header(response, "Cache-Control")).contains("private, no-store");
        assertThat(header(response, "X-ImageGuard")).contains("bypass;reason=hotlink");
    }

    @Test
    void redirectActionSendsTheHotlinkerElsewhere() throws Exception {
        start();
        HttpResponse<byte[]> response = send(request("/moved/photo.jpg").header("Referer", "https://evil.test/"));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(header(response, "Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/hotlink.html"));
        assertThat(header(response, "Cache-Control")).contains("private, no-store");
    }

    // ---- AI crawlers, robots.txt, tdmrep.json

    @Test
    void aTrainingCrawlerIsRefusedImagesButReadsRobotsTxt() throws Exception {
        start();
        HttpResponse<byte[]> image = send(request("/img/photo.jpg").header("User-Agent", GPTBOT));
        assertThat(image.statusCode()).isEqualTo(403);
        assertThat(header(image, "X-ImageGuard")).contains("bypass;reason=crawler");
        assertThat(header(image, "Cache-Control")).contains("private, no-store");
        assertThat(send(request("/index.html").header("User-Agent", GPTBOT)).statusCode()).isEqualTo(403);

        HttpResponse<byte[]> robots = send(request("/robots.txt").header("User-Agent", GPTBOT));
        assertThat(robots.statusCode()).isEqualTo(200);
        assertThat(send(request("/.well-known/tdmrep.json").header("User-Agent", GPTBOT)).statusCode())
                .isEqualTo(200);
        assertThat(filter.access().orElseThrow().crawlerCounts().get("GPTBot"))
                .containsEntry(CrawlerDecision.Verdict.BLOCK, 2L).containsEntry(CrawlerDecision.Verdict.LABEL, 2L);
    }

    @Test
    void searchCrawlersAndBrowsersGetTheProtectedImage() throws Exception {
        start();
        for (String agent : new String[] {GOOGLEBOT, CHROME}) {
            HttpResponse<byte[]> image = send(request("/img/photo.jpg").header("User-Agent", agent));
            assertThat(image.statusCode()).as(agent).isEqualTo(200);
            assertThat(header(image, "X-Robots-Tag")).contains("noai, noimageai");
        }
    }

    @Test
    void labelServesTheCrawlerAndCountsIt() throws Exception {
        start("classpath:filter/robots-replace.yaml");
        HttpResponse<byte[]> image = send(request("/img/photo.jpg").header("User-Agent", GPTBOT));
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(header(image, "tdm-reservation")).contains("1");
        assertThat(filter.access().orElseThrow().crawlerCounts())
                .isEqualTo(Map.of("GPTBot", Map.of(CrawlerDecision.Verdict.LABEL, 1L)));
    }

    @Test
    void robotsTxtOfTheSiteIsAugmented() throws Exception {
        start();
        Files.writeString(root.resolve("robots.txt"), "User-agent: *\nDisallow: /private/\n");
        HttpResponse<byte[]> robots = get("/robots.txt");
        String text = new String(robots.body(), StandardCharsets.UTF_8);
        assertThat(robots.statusCode()).isEqualTo(200);
        assertThat(text).startsWith("User-agent: *\nDisallow: /private/\n")
                .contains("User-agent: GPTBot\n").contains("Disallow: /\n").contains("Content-Usage: train-ai=n");
        assertThat(header(robots, "Content-Length")).contains(Integer.toString(robots.body().length));
        assertThat(header(robots, "ETag")).as("the site's validator does not describe our body").isEmpty();
    }

    @Test
    void headersAreRemovedEvenWhereSetHeaderNullIsIgnoredAsOnTomcat10() throws Exception {
        start("classpath:filter/site.yaml", new FilterHolder(new IgnoresNullHeaders()));
        Files.writeString(root.resolve("robots.txt"), "User-agent: *\nDisallow: /private/\n");
        HttpResponse<byte[]> robots = get("/robots.txt");
        assertThat(robots.statusCode()).isEqualTo(200);
        assertThat(header(robots, "ETag")).isEmpty();
        assertThat(header(robots, "Last-Modified")).isEmpty();
        assertThat(header(robots, "Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(new String(robots.body(), StandardCharsets.UTF_8)).contains("User-agent: GPTBot\n");
    }

    /** Wraps the response the way Tomcat 10.1 behaves: {@code setHeader(name, null)} does nothing. */
    static final class IgnoresNullHeaders implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(request, new HttpServletResponseWrapper((HttpServletResponse) response) {
                @Override
                public void setHeader(String name, String value) {
                    if (value != null) {
                        super.setHeader(name, value);
                    }
                }
            });
        }
    }

    @Test
    void aMissingRobotsTxtIsServedFromOurs() throws Exception {
        start();
        HttpResponse<byte[]> robots = get("/robots.txt");
        String text = new String(robots.body(), StandardCharsets.UTF_8);
        assertThat(robots.statusCode()).isEqualTo(200);
        assertThat(header(robots, "Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(text).contains("User-agent: GPTBot\n").contains("User-agent: *\nAllow: /\n");
        HttpResponse<byte[]> head = send(request("/robots.txt").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.body()).isEmpty();
        assertThat(header(head, "Content-Length")).contains(Integer.toString(robots.body().length));
    }

    @Test
    void replaceIgnoresTheSitesRobotsTxt() throws Exception {
        start("classpath:filter/robots-replace.yaml");
        Files.writeString(root.resolve("robots.txt"), "User-agent: *\nDisallow: /private/\n");
        String text = new String(get("/robots.txt").body(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("/private/").contains("User-agent: GPTBot\n");
    }

    @Test
    void tdmrepJsonIsGeneratedWithThePathOverrides() throws Exception {
        start();
        HttpResponse<byte[]> response = get("/.well-known/tdmrep.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonNode rules = new ObjectMapper().readTree(response.body());
        assertThat(rules.isArray()).isTrue();
        assertThat(rules.get(rules.size() - 1).get("location").asText()).isEqualTo("/*");
        assertThat(rules.get(rules.size() - 1).get("tdm-reservation").asInt()).isEqualTo(1);
        assertThat(rules.findValuesAsText("location")).contains("/press/*");
    }

    @Test
    void theSitesOwnTdmrepJsonWins() throws Exception {
        start();
        Files.createDirectories(root.resolve(".well-known"));
        Files.writeString(root.resolve(".well-known/tdmrep.json"), "[{\"location\":\"/\",\"tdm-reservation\":0}]");
        HttpResponse<byte[]> response = get("/.well-known/tdmrep.json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("[{\"location\":\"/\",\"tdm-reservation\":0}]");
    }

    // ---- Signals on every image response

    @Test
    void signalsAreOnMissesHitsAnd304s() throws Exception {
        start();
        HttpResponse<byte[]> miss = get("/img/photo.jpg");
        HttpResponse<byte[]> hit = get("/img/photo.jpg");
        HttpResponse<byte[]> notModified = send(request("/img/photo.jpg")
                .header("If-None-Match", header(miss, "ETag").orElseThrow()));
        assertThat(notModified.statusCode()).isEqualTo(304);
        for (HttpResponse<byte[]> response : List.of(miss, hit, notModified)) {
            assertThat(header(response, "X-Robots-Tag")).contains("noai, noimageai");
            assertThat(header(response, "tdm-reservation")).contains("1");
            assertThat(header(response, "Content-Usage")).contains("train-ai=n");
            assertThat(header(response, "Cross-Origin-Resource-Policy")).contains("same-site");
        }
    }

    @Test
    void aPathWhereMiningIsAllowedSendsNoMiningSignals() throws Exception {
        start();
        HttpResponse<byte[]> press = get("/press/photo.jpg");
        assertThat(press.statusCode()).isEqualTo(200);
        assertThat(header(press, "tdm-reservation")).isEmpty();
        assertThat(TestSites.exiftool(press.body(), "-b", "-XMP")).contains("DMI-ALLOWED");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path.substring(1)));
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return send(request(path));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Optional<String> header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name);
    }
}
