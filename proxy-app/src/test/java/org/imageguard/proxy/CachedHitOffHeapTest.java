package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.config;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.imageguard.http.RewriteCache;
import org.imageguard.testing.ExternalTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy keeps cached bodies in direct buffers and writes a hit in one write of that buffer: what a client gets
 * must be the miss's bytes exactly, whole, ranged and for HEAD.
 */
class CachedHitOffHeapTest {

    private static final Path JPEG_FILE = Path.of("/usr/share/go-1.19/src/image/testdata/video-001.jpeg");

    @TempDir
    Path root;
    private ConfigReloader configs;
    private ImageGuardServer proxy;

    @BeforeEach
    void start() throws Exception {
        Files.copy(ExternalTool.requirePath(JPEG_FILE), root.resolve("photo.jpg"));
        configs = ConfigReloader.fixed(config("origin: { root: '" + root + "' }\noptimize: { mode: none }\n"));
        proxy = ImageGuardServer.create(configs, new ProxyMetrics());
        proxy.start();
    }

    @AfterEach
    void stop() throws Exception {
        proxy.stop();
    }

    private HttpResponse<byte[]> send(String method, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxy.publicUrl() + "/photo.jpg"))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return ProxyFixtures.send(request.build());
    }

    @Test
    void aHitFromTheOffHeapCacheIsTheMissByteForByteWholeRangedAndForHead() throws Exception {
        HttpResponse<byte[]> miss = send("GET");
        HttpResponse<byte[]> hit = send("GET");
        HttpResponse<byte[]> range = send("GET", "Range", "bytes=1000-4999");
        HttpResponse<byte[]> tail = send("GET", "Range", "bytes=-100");
        HttpResponse<byte[]> head = send("HEAD");

        RewriteCache cache = configs.cache();
        assertThat(cache.keepsBodiesOffHeap()).isTrue();
        assertThat(miss.headers().firstValue("X-ImageGuard")).contains("miss;stage=protected");
        assertThat(hit.headers().firstValue("X-ImageGuard")).contains("hit;stage=protected");
        assertThat(hit.body()).isEqualTo(miss.body());
        assertThat(hit.body().length).isGreaterThan(5000);
        assertThat(hit.headers().firstValue("Content-Length")).contains(Integer.toString(miss.body().length));
        assertThat(cache.stats().sizeBytes()).as("the stored body is weighed, off the heap as on it")
                .isGreaterThanOrEqualTo(miss.body().length);

        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range"))
                .contains("bytes 1000-4999/" + miss.body().length);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(miss.body(), 1000, 5000));
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(miss.body(), miss.body().length - 100,
                miss.body().length));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(miss.body().length));
        assertThat(head.headers().firstValue("ETag")).isEqualTo(hit.headers().firstValue("ETag"));
    }
}
