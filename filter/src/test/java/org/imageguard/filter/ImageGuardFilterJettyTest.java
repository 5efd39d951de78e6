package org.imageguard.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.imageio.ImageIO;

import jakarta.servlet.DispatcherType;

import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.imageguard.config.CacheSettings;
import org.imageguard.config.DataSize;
import org.imageguard.config.LimitSettings;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.RewriteResult;
import org.imageguard.http.ImageGuardPipeline;
import org.imageguard.http.ImageRewriter;
import org.imageguard.http.RewriteCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter in front of Jetty 12's DefaultServlet serving a temporary directory. The engine is not part of this
 * module's tests: a fake rewriter appends a marker, so what was rewritten is visible.
 */
class ImageGuardFilterJettyTest extends HttpConformanceContract {

    static final byte[] MARKER = "<ImageGuard/>".getBytes(StandardCharsets.US_ASCII);
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

    private final ImageRewriter appendsMarker = (body, policy) -> {
        rewrites.incrementAndGet();
        byte[] out = Arrays.copyOf(body, body.length + MARKER.length);
        System.arraycopy(MARKER, 0, out, body.length, MARKER.length);
        return new RewriteResult(out, new RewriteReport(ImageFormat.sniff(body), 0, 0, RewriteReport.REWRITTEN,
                List.of(), List.of(), body.length, out.length));
    };

    @BeforeEach
    void start() throws Exception {
        writeSite();
        Policy d = Policy.DEFAULTS;
        LimitSettings l = d.limits();
        Policy policy = new Policy(d.protection(), d.optimize(), d.watermark(), d.hotlink(), d.aiCrawlers(),
                new LimitSettings(DataSize.ofBytes(MAX_IMAGE_SIZE), l.maxPixels(), 1, l.onError()));
        filter = new ImageGuardFilter(ImageGuardPipeline.builder()
                .rewriter(appendsMarker)
                .policies(path -> policy)
                .cache(new RewriteCache(CacheSettings.DEFAULTS, now::get, Runnable::run))
                .build());

        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.setBaseResourceAsPath(root);
        context.addServlet(DefaultServlet.class, "/");
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private void writeSite() throws IOException {
        Files.createDirectories(root.resolve("img"));
        BufferedImage picture = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 16; x++) {
            for (int y = 0; y < 12; y++) {
                picture.setRGB(x, y, new Color(x * 16, y * 20, 128).getRGB());
            }
        }
        ImageIO.write(picture, "jpg", root.resolve("img/photo.jpg").toFile());
        Files.writeString(root.resolve("index.html"), "<!doctype html><title>site</title><img src=img/photo.jpg>\n");
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
        byte[] original = originBytes(imagePath());
        assertThat(response.body()).startsWith(original).endsWith(MARKER).hasSize(original.length + MARKER.length);
        get(imagePath());
        assertThat(rewrites).as("the second request was a cache hit").hasValue(1);
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
        assertThat(header(revalidated, "X-ImageGuard")).contains("hit");
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

        assertThat(header(get(imagePath()), "X-ImageGuard")).as("still fresh: the origin is not asked").contains("hit");
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        HttpResponse<byte[]> second = get(imagePath());

        assertThat(header(second, "X-ImageGuard")).contains("miss");
        assertThat(header(second, "ETag")).isNotEqualTo(header(first, "ETag"));
        assertThat(second.body()).startsWith(changed);
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
