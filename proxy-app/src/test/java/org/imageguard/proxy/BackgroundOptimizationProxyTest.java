package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.config;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void aJpegIsServedProtectedFirstAndOptimizedOnceTheBackgroundJobHasRun() throws Exception {
        HttpResponse<byte[]> first = ProxyFixtures.get(proxy.publicUrl() + "/video.jpg");
        assertThat(first.headers().firstValue("X-ImageGuard")).contains("miss;stage=protected");

        ImageGuardPipeline pipeline = proxy.configs().site().pipeline();
        // Waits for an event (the job's end), bounded, rather than for a duration.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pipeline.optimizerStats().runs() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(pipeline.optimizerStats().runs()).as("the background job ran").isEqualTo(1);
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
}
