package org.imageguard.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filter in front of servlets that write the way real applications do: writers, flushes, errors, async. */
class ImageGuardFilterServletsTest {

    private static final byte[] MARKER = "<!--IG-->".getBytes(StandardCharsets.US_ASCII);
    private static final String SVG_HEAD = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">";
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};

    /** max-image-size 1KB, so a servlet can outgrow it cheaply. */
    private static final Policy SMALL_LIMIT = smallLimit();

    private Server server;
    private ImageGuardFilter filter;
    private ImageGuardPipeline pipeline;
    private URI base;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        pipeline = ImageGuardPipeline.builder()
                .rewriter((body, policy) -> {
                    byte[] out = Arrays.copyOf(body, body.length + MARKER.length);
                    System.arraycopy(MARKER, 0, out, body.length, MARKER.length);
                    return new RewriteResult(out, new RewriteReport(ImageFormat.sniff(body), 0, 0,
                            RewriteReport.REWRITTEN, List.of(), List.of(), body.length, out.length));
                })
                .policies(path -> SMALL_LIMIT)
                .cache(CacheSettings.DEFAULTS)
                .build();
        filter = new ImageGuardFilter(pipeline);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new SvgWithWriterAndFlush()), "/drawing");
        context.addServlet(new ServletHolder(new SendsError()), "/broken.jpg");
        context.addServlet(new ServletHolder(new GrowingImage()), "/growing.jpg");
        ServletHolder async = new ServletHolder(new AsyncImage());
        async.setAsyncSupported(true);
        context.addServlet(async, "/async.jpg");
        ServletHolder asyncText = new ServletHolder(new AsyncWriterPage());
        asyncText.setAsyncSupported(true);
        context.addServlet(asyncText, "/async-page");
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void aWriterAndAFlushBeforeTheEndDoNotCommitAnImageBeingBuffered() throws Exception {
        HttpResponse<byte[]> response = get("/drawing");
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body).startsWith(SVG_HEAD).endsWith("</svg>\n" + new String(MARKER, StandardCharsets.US_ASCII));
        assertThat(response.headers().firstValue("X-ImageGuard")).contains("miss;stage=protected");
        assertThat(response.headers().firstValue("Content-Length")).contains(Integer.toString(response.body().length));
    }

    @Test
    void anImageOutgrowingMaxImageSizeStreamsThroughWhole() throws Exception {
        HttpResponse<byte[]> response = get("/growing.jpg");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(GrowingImage.body());
        assertThat(response.headers().firstValue("X-ImageGuard")).contains("bypass;reason=too-large");
        assertThat(response.headers().firstValue("X-Robots-Tag")).contains("noai, noimageai");
        assertThat(filter.bufferedBytes()).as("buffering stopped at the limit").isLessThanOrEqualTo(1024);
        // Given back at the overflow, before the rest of the body was forwarded, so before the client saw its end.
        assertThat(pipeline.inFlight().reserved()).as("the in-flight budget came back at the overflow").isZero();
    }

    @Test
    void sendErrorPassesThroughUntouched() throws Exception {
        HttpResponse<byte[]> response = get("/broken.jpg");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("X-ImageGuard")).isEmpty();
    }

    @Test
    void anAsynchronousServletStillDeliversItsWholeBody() throws Exception {
        HttpResponse<byte[]> response = get("/async.jpg");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(JPEG);
    }

    @Test
    void anAsynchronousServletWritingTextWithoutFlushingLosesNothing() throws Exception {
        HttpResponse<byte[]> response = get("/async-page");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(AsyncWriterPage.TEXT);
    }

    @Test
    void initFailsOnUnknownParams() {
        assertThatThrownBy(() -> new ImageGuardFilter().init(config(Map.of("confg", "x"))))
                .isInstanceOf(ServletException.class).hasMessageContaining("unknown init-param 'confg'");
    }

    @Test
    void initFailsInOneLineWhenTheCacheCannotFitTheHeap(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("imageguard.yaml");
        Files.writeString(file, "cache: { max-size: " + Runtime.getRuntime().maxMemory() + " }\n");
        assertThatThrownBy(() -> new ImageGuardFilter().init(config(Map.of("config", file.toString()))))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("1 configuration problem, logged above: " + file + ": memory: cache.max-size (")
                .hasMessageNotContaining("\n");
    }

    @Test
    void initLoadsAClasspathConfig() throws Exception {
        ImageGuardFilter configured = new ImageGuardFilter();
        configured.init(config(Map.of("config", "classpath:filter/site.yaml")));
        assertThat(configured.access()).isPresent();
        assertThat(configured.toString()).contains("allow=[partner.test]");
    }

    @Test
    void aBrokenConfigFailsInitWithOneLogLinePerProblemAndNoStackTrace() {
        List<String> logged = FilterLog.capture(() -> assertThatThrownBy(
                () -> new ImageGuardFilter().init(config(Map.of("config", "classpath:filter/broken.yaml"))))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("2 configuration problems, logged above: classpath:filter/broken.yaml:2:16:")
                .satisfies(e -> assertThat(e.getStackTrace()).as("the container prints no trace").isEmpty()));
        assertThat(logged).hasSize(2);
        assertThat(logged.get(0))
                .matches("SEVERE ImageGuard filter 'imageguard': classpath:filter/broken\\.yaml:2:16: .*DMI-MAYBE.*");
        assertThat(logged.get(1))
                .matches("SEVERE ImageGuard filter 'imageguard': classpath:filter/broken\\.yaml:4:3: .*enabeld.*");
    }

    @Test
    void theStartUpLineIsAShortSummaryWithTheInFlightBudgetOfTheInitParam() {
        List<String> logged = FilterLog.capture(() -> new ImageGuardFilter().init(config(Map.of(
                "config", "classpath:filter/site.yaml", "max-in-flight", "48MB"))));
        assertThat(logged).singleElement().asString()
                .startsWith("INFO ImageGuard filter 'imageguard' started in / with classpath:filter/site.yaml:"
                        + " data-mining ")
                .containsPattern(" · cache (auto|[0-9]+[KMG]?B) · in-flight budget 48MB"
                        + " · meters to Metrics.globalRegistry$")
                .hasSizeLessThan(280);
    }

    @Test
    void aBadInFlightInitParamFailsInit() {
        assertThatThrownBy(() -> new ImageGuardFilter().init(config(Map.of("max-in-flight", "lots"))))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("init-param max-in-flight: expected a size like 512KB, 256MB, 1GB or a number"
                        + " of bytes, found 'lots' (or auto: a quarter of the heap)");
    }

    @Test
    void underAContextPathTheCrawlerFilesGetAWarning() {
        List<String> logged = FilterLog.capture(() -> new ImageGuardFilter().init(config(Map.of(), "/photos")));
        assertThat(logged).anySatisfy(line -> assertThat(line).startsWith("WARNING ImageGuard filter 'imageguard'"
                + " runs under the context path /photos: crawlers read /robots.txt and /.well-known/tdmrep.json at"
                + " the root of the host only"));
    }

    @Test
    void aMissingConfigFileFailsInit() {
        assertThatThrownBy(() -> new ImageGuardFilter().init(config(Map.of("config", "/nonexistent/ig.yaml"))))
                .isInstanceOf(ServletException.class).hasMessageContaining("/nonexistent/ig.yaml")
                .hasMessageContaining("no such file");
    }

    @Test
    void aReadyPipelineAndAConfigParamAreRefused() {
        assertThatThrownBy(() -> filter.init(config(Map.of("config", "classpath:filter/site.yaml"))))
                .isInstanceOf(ServletException.class).hasMessageContaining("one or the other");
    }

    @Test
    void initWithoutParamsUsesTheDefaults() throws Exception {
        ImageGuardFilter defaults = new ImageGuardFilter();
        defaults.init(config(Map.of()));
        assertThat(defaults.cacheStats().sizeBytes()).isZero();
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Init-params as web.xml gives them, with no servlet context (FilterMetricsTest's failures use it too). */
    static FilterConfig config(Map<String, String> params) {
        return config(params, null);
    }

    /** With a servlet context that only knows its context path (null: no context at all). */
    private static FilterConfig config(Map<String, String> params, String contextPath) {
        ServletContext context = contextPath == null ? null : (ServletContext) java.lang.reflect.Proxy.newProxyInstance(
                ServletContext.class.getClassLoader(), new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> method.getName().equals("getContextPath") ? contextPath : null);
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return "imageguard";
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String name) {
                return params.get(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(params.keySet());
            }
        };
    }

    /** Writes an SVG in two parts through a writer, flushing in between as template engines do. */
    static final class SvgWithWriterAndFlush extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("image/svg+xml");
            resp.setCharacterEncoding("UTF-8");
            PrintWriter writer = resp.getWriter();
            writer.write(SVG_HEAD);
            resp.flushBuffer();
            writer.write("<rect width=\"1\" height=\"1\"/></svg>\n");
        }
    }

    /** A JPEG of 4KB without Content-Length, written in 512-byte chunks. */
    static final class GrowingImage extends HttpServlet {
        static byte[] body() {
            byte[] body = Arrays.copyOf(JPEG, 4096);
            for (int i = JPEG.length; i < body.length; i++) {
                body[i] = (byte) i;
            }
            return body;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("image/jpeg");
            byte[] body = body();
            for (int off = 0; off < body.length; off += 512) {
                resp.getOutputStream().write(body, off, 512);
            }
        }
    }

    private static Policy smallLimit() {
        Policy d = Policy.DEFAULTS;
        LimitSettings l = d.limits();
        return new Policy(d.protection(), d.optimize(), d.watermark(), d.hotlink(), d.aiCrawlers(),
                new LimitSettings(DataSize.ofKilobytes(1), l.maxPixels(), 1, l.onError()));
    }

    static final class SendsError extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("image/jpeg");
            resp.sendError(503);
        }
    }

    /** Writes a page (with a character outside the BMP) from another thread and completes without flushing. */
    static final class AsyncWriterPage extends HttpServlet {
        static final String TEXT = "<p>caf\u00e9 \ud83d\udcf7</p>\n";

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            AsyncContext async = req.startAsync();
            async.start(() -> {
                try {
                    resp.setContentType("text/html;charset=UTF-8");
                    PrintWriter writer = resp.getWriter();
                    writer.write(TEXT.substring(0, 9)); // ends with the high half of the camera emoji
                    writer.write(TEXT.substring(9));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    async.complete();
                }
            });
        }
    }

    /** Goes asynchronous and writes its image from another thread after the filter has returned. */
    static final class AsyncImage extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            AsyncContext async = req.startAsync();
            async.start(() -> {
                try {
                    resp.setContentType("image/jpeg");
                    resp.getOutputStream().write(JPEG);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    async.complete();
                }
            });
        }
    }
}
