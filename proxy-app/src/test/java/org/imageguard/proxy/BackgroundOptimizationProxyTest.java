package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.config;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imageguard.http.ImageGuardPipeline;
import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.Images;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy with the real engine and its real workers: a JPEG's first response is the protected body, and once the
 * background job has run a later one is the optimised body, smaller, with a new ETag and the same pixels.
 */
class BackgroundOptimizationProxyTest {

    private static final Path JPEG_FILE = Path.of("/usr/share/go-1.19/src/image/testdata/video-001.q50.420.jpeg");
    private static final Path PNG_FILE = Path.of("/usr/share/go-1.19/src/image/testdata/video-001.png");

    @TempDir
    Path root;
    private ImageGuardServer proxy;

    @BeforeEach
    void start() throws Exception {
        Files.copy(ExternalTool.requirePath(JPEG_FILE), root.resolve("video.jpg"));
        proxy = ImageGuardServer.create(config("origin: { root: '" + root + "' }\n"));
        proxy.start();
    }

    @AfterEach
    void stop() throws Exception {
        proxy.stop();
    }

    /** Waits for an event (the background job's end), bounded, rather than for a duration. */
    private void awaitOptimizerRuns(long runs) {
        ImageGuardPipeline pipeline = proxy.configs().site().pipeline();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pipeline.optimizerStats().runs() < runs && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(pipeline.optimizerStats().runs()).as("the background job ran").isEqualTo(runs);
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxy.publicUrl() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return ProxyFixtures.send(request.build());
    }

    @Test
    void aJpegIsServedProtectedFirstAndOptimizedOnceTheBackgroundJobHasRun() throws Exception {
        HttpResponse<byte[]> first = ProxyFixtures.get(proxy.publicUrl() + "/video.jpg");
        assertThat(first.headers().firstValue("X-ImageGuard")).contains("miss;stage=protected");

        awaitOptimizerRuns(1);
        HttpResponse<byte[]> later = ProxyFixtures.get(proxy.publicUrl() + "/video.jpg");

        assertThat(later.headers().firstValue("X-ImageGuard")).contains("hit;stage=optimized");
        assertThat(later.body().length).isLessThan(first.body().length);
        assertThat(later.headers().firstValue("ETag")).isPresent().isNotEqualTo(first.headers().firstValue("ETag"));
        assertThat(Images.rgba("jpeg", later.body())).isEqualTo(Images.rgba("jpeg", first.body()));
        assertThat(ProxyFixtures.dataMiningCode(later.body())).isEqualTo("DMI-PROHIBITED");
        assertThat(proxy.metrics().scrape())
                .contains("imageguard_optimize_seconds_count 1\n")
                .contains("imageguard_optimize_saved_bytes_total " + (first.body().length - later.body().length) + ".0")
                .contains("imageguard_optimize_dropped_total 0.0")
                .contains("imageguard_optimize_queue 0.0")
                .contains("imageguard_requests_total{outcome=\"hit\",reason=\"none\"} 1.0");
    }

    /**
     * A PNG with an alpha gradient, stored without compression: optimised later into fewer bytes that ImageMagick
     * finds identical in every channel, alpha included, under a new ETag. Conditional and Range requests follow the
     * representation their ETag names: the old tag gets the new body whole, a range is cut from the body its ETag
     * names, before and after the switch.
     */
    @Test
    void aPngIsOptimizedPixelIdenticalWithAlphaAndRangesFollowTheEtag() throws Exception {
        Path png = root.resolve("alpha.png");
        ExternalTool.runOk(List.of(ExternalTool.require("convert").toString(), ExternalTool.requirePath(PNG_FILE).toString(), "(", "+clone",
                "-fx", "i/w", ")", "-alpha", "off", "-compose", "CopyOpacity", "-composite",
                "-define", "png:compression-level=0", "png32:" + png), new byte[0]);
        String range = "bytes=100-299";

        HttpResponse<byte[]> first = get("/alpha.png");
        HttpResponse<byte[]> rangeBefore = get("/alpha.png", "Range", range);
        String protectedTag = first.headers().firstValue("ETag").orElseThrow();
        awaitOptimizerRuns(1);
        HttpResponse<byte[]> later = get("/alpha.png");
        String optimizedTag = later.headers().firstValue("ETag").orElseThrow();

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-ImageGuard")).contains("miss;stage=protected");
        assertThat(later.headers().firstValue("X-ImageGuard")).contains("hit;stage=optimized");
        assertThat(later.body().length).isLessThan(first.body().length);
        assertThat(optimizedTag).isNotEqualTo(protectedTag);
        assertThat(absoluteError(first.body(), later.body())).as("compare -metric AE, alpha included").isEqualTo("0");
        assertThat(absoluteError(Files.readAllBytes(png), later.body())).as("and the origin's pixels").isEqualTo("0");
        assertThat(ProxyFixtures.dataMiningCode(later.body())).isEqualTo("DMI-PROHIBITED");

        HttpResponse<byte[]> renewed = get("/alpha.png", "If-None-Match", protectedTag);
        assertThat(renewed.statusCode()).as("the old tag no longer matches").isEqualTo(200);
        assertThat(renewed.body()).isEqualTo(later.body());
        assertThat(get("/alpha.png", "If-None-Match", optimizedTag).statusCode()).isEqualTo(304);

        assertThat(rangeBefore.statusCode()).isEqualTo(206);
        assertThat(rangeBefore.headers().firstValue("ETag")).contains(protectedTag);
        assertThat(rangeBefore.body()).isEqualTo(Arrays.copyOfRange(first.body(), 100, 300));
        HttpResponse<byte[]> rangeAfter = get("/alpha.png", "Range", range);
        assertThat(rangeAfter.statusCode()).isEqualTo(206);
        assertThat(rangeAfter.headers().firstValue("ETag")).contains(optimizedTag);
        assertThat(rangeAfter.headers().firstValue("Content-Range"))
                .contains("bytes 100-299/" + later.body().length);
        assertThat(rangeAfter.body()).isEqualTo(Arrays.copyOfRange(later.body(), 100, 300));
        HttpResponse<byte[]> staleIfRange = get("/alpha.png", "Range", range, "If-Range", protectedTag);
        assertThat(staleIfRange.statusCode()).as("If-Range with the old tag: the whole new body").isEqualTo(200);
        assertThat(staleIfRange.body()).isEqualTo(later.body());
        HttpResponse<byte[]> freshIfRange = get("/alpha.png", "Range", range, "If-Range", optimizedTag);
        assertThat(freshIfRange.statusCode()).isEqualTo(206);
        assertThat(freshIfRange.body()).isEqualTo(rangeAfter.body());
    }

    /** ImageMagick's count of differing pixels over every channel, alpha included ({@code compare -metric AE}). */
    private static String absoluteError(byte[] a, byte[] b) {
        Path first = ExternalTool.tempFile(a, ".png");
        Path second = ExternalTool.tempFile(b, ".png");
        return ExternalTool.run(List.of(ExternalTool.require("compare").toString(), "-metric", "AE", first.toString(),
                second.toString(), "null:"), new byte[0]).stderr().trim();
    }
}
