package org.imageguard.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.Server;
import org.imageguard.config.CacheSettings;
import org.imageguard.config.DataSize;
import org.imageguard.config.LimitSettings;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.http.ImageGuardPipeline;
import org.imageguard.http.ImageRewriter;
import org.imageguard.http.RewriteCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter in front of Jetty 12's DefaultServlet serving a temporary directory, with the real engine (counted, so
 * cache hits are visible) on a real JPEG that carries GPS. The configuration-driven behaviour (hotlink, crawlers,
 * robots.txt) is in {@link ImageGuardFilterSiteTest}; the same contract runs on Tomcat in
 * {@link ImageGuardFilterTomcatTest}.
 */
class ImageGuardFilterJettyTest extends HttpConformanceContract {

    /** Small, so that the pass-through of bigger bodies is easy to show. */
    static final long MAX_IMAGE_SIZE = 64 * 1024;

    @TempDir
    Path root;

    private Server server;
    private ImageGuardFilter filter;
    private URI base;
    private final AtomicInteger rewrites = new AtomicInteger();
    /** The cache's clock: moves only when a test says so. */
    private final AtomicLong now = new AtomicLong();

    private final ImageGuardEngine engine = new ImageGuardEngine();
    private final ImageRewriter countingEngine = (body, policy) -> {
        rewrites.incrementAndGet();
        return engine.rewrite(body, policy);
    };
    private Policy policy;

    @BeforeEach
    void start() throws Exception {
        writeSite();
        Policy d = Policy.DEFAULTS;
        LimitSettings l = d.limits();
        policy = new Policy(d.protection(), d.optimize(), d.watermark(), d.hotlink(), d.aiCrawlers(),
                new LimitSettings(DataSize.ofBytes(MAX_IMAGE_SIZE), l.maxPixels(), 1, l.onError()));
        filter = new ImageGuardFilter(ImageGuardPipeline.builder()
                .rewriter(countingEngine)
                .policies(path -> policy)
                .cache(new RewriteCache(CacheSettings.DEFAULTS, now::get, Runnable::run))
                .build());

        server = TestSites.jetty(root, new FilterHolder(filter));
        base = TestSites.uri(server);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private void writeSite() throws IOException {
        TestSites.writeSite(root);
        byte[] big = new byte[3 * 1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        Files.write(root.resolve("big.txt"), big);
        Files.write(root.resolve("clip.mp4"), Arrays.copyOf(big, 100_000));
        byte[] largeJpeg = Arrays.copyOf(Files.readAllBytes(root.resolve("img/photo.jpg")), (int) MAX_IMAGE_SIZE + 1);
        Files.write(root.resolve("img/large.jpg"), largeJpeg);
    }

    @Override
    protected URI baseUri() {
        return base;
    }

    @Override
    protected byte[] originBytes(String path) throws IOException {
        return Files.readAllBytes(root.resolve(path.substring(1)));
    }

    @Test
    void theRewrittenImageIsTheEnginesOutput() throws Exception {
        HttpResponse<byte[]> response = get(imagePath());
        assertThat(response.body()).isEqualTo(engine.rewrite(originBytes(imagePath()), policy).bytes());
        get(imagePath());
        assertThat(rewrites).as("the second request was a cache hit").hasValue(1);
    }

    @Test
    void aPngAndAnSvgAlsoLeaveWithDataMining() throws Exception {
        Files.write(root.resolve("img/meta.png"), TestSites.resource("/org/imageguard/engine/png/meta.png"));
        Files.writeString(root.resolve("img/logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16\""
                + " height=\"12\"><rect width=\"16\" height=\"12\" fill=\"red\"/></svg>\n");

        HttpResponse<byte[]> png = get("/img/meta.png");
        assertThat(header(png, "X-ImageGuard")).contains("miss;stage=protected");
        assertThat(TestSites.exiftool(png.body(), "-b", "-XMP")).contains("DataMining").contains("DMI-PROHIBITED");
        assertThat(TestSites.exiftool(png.body(), "-warning")).isEmpty();

        HttpResponse<byte[]> svg = get("/img/logo.svg");
        assertThat(header(svg, "X-ImageGuard")).contains("miss;stage=protected");
        assertThat(new String(svg.body(), StandardCharsets.UTF_8))
                .contains("DataMining").contains("DMI-PROHIBITED");
    }

    @Test
    void aBareJpegXlCodestreamIsServedUntouchedWithTheSignals() throws Exception {
        byte[] codestream = {(byte) 0xFF, 0x0A, (byte) 0xFA, 0x1F, 0x42, 0x08, 0x10, 0x04, 0x40, 0x00, 0x00, 0x00};
        Files.write(root.resolve("img/new.jxl"), codestream);
        HttpResponse<byte[]> response = get("/img/new.jxl");
        assertThat(response.body()).isEqualTo(codestream);
        assertThat(header(response, "X-ImageGuard")).contains("bypass;reason=unsupported");
        assertThat(header(response, "tdm-reservation")).contains("1");
        assertThat(header(response, "X-Robots-Tag")).contains("noai, noimageai");
        assertThat(rewrites).hasValue(0);
    }

    @Test
    void aJpegServedAsTextPlainIsSniffedAndRewritten() throws Exception {
        byte[] photo = originBytes(imagePath());
        assertThat(TestSites.exiftool(photo, "-gps:all")).as("the fixture carries GPS").contains("GPS");
        Files.write(root.resolve("notes.txt"), photo); // DefaultServlet says text/plain, by the extension

        HttpResponse<byte[]> response = get("/notes.txt");

        assertThat(header(response, "X-ImageGuard")).contains("miss;stage=protected");
        assertThat(header(response, "Content-Type")).contains("image/jpeg");
        assertThat(TestSites.exiftool(response.body(), "-gps:all")).doesNotContain("GPS");
        assertThat(TestSites.exiftool(response.body(), "-b", "-XMP")).contains("DataMining");
    }

    @Test
    void aTextPageIsPeekedAtButPassesByteIdenticalAndUnbuffered() throws Exception {
        String page = "<!doctype html><html><body><svg xmlns=\"http://www.w3.org/2000/svg\"/></body></html>\n";
        Files.writeString(root.resolve("page.html"), page);
        Files.writeString(root.resolve("drawing.txt"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");

        for (String path : new String[] {"/page.html", "/drawing.txt"}) {
            HttpResponse<byte[]> response = get(path);
            assertThat(response.body()).as(path).isEqualTo(originBytes(path));
            assertThat(header(response, "X-ImageGuard")).as(path).isEmpty();
        }
        assertThat(filter.bufferedBytes()).isZero();
        assertThat(rewrites).hasValue(0);
    }

    @Test
    void aLargeNonImageStreamsThroughWithoutBeingBuffered() throws Exception {
        HttpResponse<byte[]> response = get("/big.txt");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(originBytes("/big.txt"));
        assertThat(filter.bufferedBytes()).isZero();
    }

    @Test
    void anImageLargerThanTheLimitStreamsThroughUntouchedAndUnbuffered() throws Exception {
        HttpResponse<byte[]> response = get("/img/large.jpg");
        assertThat(response.body()).isEqualTo(originBytes("/img/large.jpg"));
        assertThat(header(response, "X-ImageGuard")).contains("bypass;reason=too-large");
        assertThat(header(response, "X-Robots-Tag")).contains("noai, noimageai");
        assertThat(filter.bufferedBytes()).as("Content-Length said it was too large").isZero();
        assertThat(rewrites).hasValue(0);
    }

    @Test
    void aStreamedImageStillAnswersTheClientsConditionalsWeTookOver() throws Exception {
        HttpResponse<byte[]> first = get("/img/large.jpg");
        HttpResponse<byte[]> conditional = send(request("/img/large.jpg")
                .header("If-Modified-Since", header(first, "Last-Modified").orElseThrow()));
        assertThat(conditional.statusCode()).isEqualTo(304);
        assertThat(conditional.body()).isEmpty();
        assertThat(header(conditional, "X-ImageGuard")).contains("bypass;reason=too-large");
    }

    @Test
    void aVideoKeepsItsRangeRequestsAnsweredByTheOrigin() throws Exception {
        HttpResponse<byte[]> response = send(request("/clip.mp4").header("Range", "bytes=10-19"));
        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(originBytes("/clip.mp4"), 10, 20));
        assertThat(filter.bufferedBytes()).isZero();
    }

    @Test
    void htmlKeepsTheOriginsOwnConditionalAnswers() throws Exception {
        HttpResponse<byte[]> html = get(htmlPath());
        String lastModified = header(html, "Last-Modified").orElseThrow();
        HttpResponse<byte[]> conditional = send(request(htmlPath()).header("If-Modified-Since", lastModified));
        assertThat(conditional.statusCode()).isEqualTo(304);
        assertThat(header(conditional, "X-ImageGuard")).isEmpty();
    }

    @Test
    void afterFreshForTheOriginIsAskedAgainAndItsNotModifiedReusesTheRewrite() throws Exception {
        HttpResponse<byte[]> first = get(imagePath());
        now.addAndGet(CacheSettings.DEFAULTS.freshFor().toNanos());

        HttpResponse<byte[]> revalidated = get(imagePath());

        assertThat(revalidated.statusCode()).isEqualTo(200);
        assertThat(header(revalidated, "X-ImageGuard")).contains("hit;stage=protected");
        assertThat(revalidated.body()).isEqualTo(first.body());
        assertThat(header(revalidated, "ETag")).isEqualTo(header(first, "ETag"));
        assertThat(rewrites).as("DefaultServlet answered 304 to the stored Last-Modified").hasValue(1);
    }

    @Test
    void aChangedFileIsRewrittenAgainOnceStaleWithANewEtag() throws Exception {
        HttpResponse<byte[]> first = get(imagePath());
        Path file = root.resolve(imagePath().substring(1));
        byte[] changed = Arrays.copyOf(Files.readAllBytes(file), (int) Files.size(file) + 1);
        Files.write(file, changed);
        Files.setLastModifiedTime(file, FileTime.from(Files.getLastModifiedTime(file).toInstant().plusSeconds(10)));

        assertThat(header(get(imagePath()), "X-ImageGuard")).as("still fresh: the origin is not asked").contains("hit;stage=protected");
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        HttpResponse<byte[]> second = get(imagePath());

        assertThat(header(second, "X-ImageGuard")).contains("miss;stage=protected");
        assertThat(header(second, "ETag")).isNotEqualTo(header(first, "ETag"));
        assertThat(second.body()).isEqualTo(engine.rewrite(changed, policy).bytes());
        assertThat(rewrites).hasValue(2);
    }

    @Test
    void aClientsOwnValidatorIsAnsweredByImageGuard() throws Exception {
        HttpResponse<byte[]> first = get(imagePath());
        HttpResponse<byte[]> conditional = send(request(imagePath())
                .header("If-Modified-Since", header(first, "Last-Modified").orElseThrow()));
        assertThat(conditional.statusCode()).isEqualTo(304);
        assertThat(header(conditional, "ETag")).isEqualTo(header(first, "ETag"));
    }
}
