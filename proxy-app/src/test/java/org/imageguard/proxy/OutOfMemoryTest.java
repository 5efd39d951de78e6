package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.text;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imageguard.config.ConfigLoader;
import org.imageguard.config.ImageGuardConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OutOfMemoryError while rewriting (here thrown by a stand-in engine): the client gets a short text 503, never
 * the exception's text, and {@code /healthz} answers 503 from then on so that the process is replaced.
 */
class OutOfMemoryTest {

    @TempDir
    Path root;

    private ImageGuardServer proxy;

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
    }

    @Test
    void anOutOfMemoryErrorGivesATextFree503AndAnUnhealthyHealthz() throws Exception {
        Files.write(root.resolve("photo.jpg"), ProxyFixtures.gpsJpeg());
        int admin = ProxyFixtures.closedPort();
        ImageGuardConfig config = ConfigLoader.load("server: { port: 0, admin-port: " + admin + " }\norigin: { root: '"
                + root + "' }\n", "test.yaml");
        proxy = ImageGuardServer.create(new ConfigReloader(() -> config, (body, policy) -> {
            throw new OutOfMemoryError("Java heap space");
        }), new ProxyMetrics());
        proxy.start();
        assertThat(ProxyFixtures.get(proxy.adminUrl() + "/healthz").statusCode()).isEqualTo(200);

        HttpResponse<byte[]> response = ProxyFixtures.get(proxy.publicUrl() + "/photo.jpg");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(text(response)).doesNotContain("OutOfMemory").doesNotContain("heap").doesNotContain("<html");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        HttpResponse<byte[]> health = ProxyFixtures.get(proxy.adminUrl() + "/healthz");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(text(ProxyFixtures.get(proxy.adminUrl() + "/metrics"))).contains("imageguard_out_of_memory_total 1.0");
    }
}
