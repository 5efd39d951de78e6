package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.imageguard.config.ConfigLoader;
import org.imageguard.http.Exchange;
import org.imageguard.http.OriginResponse;
import org.imageguard.http.RequestFacts;
import org.imageguard.http.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process reloads its configuration for months: what the reloader keeps must not grow with each reload, while the
 * counters the metrics sum over every site since start-up never go back.
 */
class ReloadMemoryTest {

    /** A JPEG start followed by nothing a JPEG reader accepts: every request is one rewrite error. */
    private static final byte[] BROKEN_JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0, 1, 2, 3, 4};

    @TempDir
    Path dir;

    @Test
    void manyReloadsKeepABoundedNumberOfSitesAndEveryCount() throws Exception {
        Path file = dir.resolve("imageguard.yaml");
        Files.writeString(file, "protection: { data-mining: DMI-PROHIBITED }\n");
        ConfigReloader configs = new ConfigReloader(() -> ConfigLoader.load(file));
        int reloads = 40;
        for (int i = 0; i < reloads; i++) {
            fail(configs, "/broken-" + i + ".jpg");
            String code = i % 2 == 0 ? "DMI-ALLOWED" : "DMI-PROHIBITED";
            Files.writeString(file, "protection: { data-mining: " + code + " }\n"
                    + "watermark: { min-width: " + (100 + i) + " }\n");
            assertThat(configs.reload()).isEmpty();
        }
        fail(configs, "/broken-last.jpg");

        assertThat(configs.sitesHeld()).as("the site in force and the one it replaced, no more").isLessThanOrEqualTo(2);
        assertThat(configs.counts().rewriteErrors().values().stream().mapToLong(Long::longValue).sum())
                .as("every rewrite error since start-up, the replaced sites' included").isEqualTo(reloads + 1);
        configs.close();
    }

    private static void fail(ConfigReloader configs, String path) {
        Step step = configs.site().pipeline().begin(RequestFacts.of("GET", path));
        try (Exchange exchange = ((Step.Forward) step).exchange()) {
            exchange.decide(OriginResponse.ok("image/jpeg").withEtag("\"" + path + "\""));
            exchange.complete(BROKEN_JPEG);
        }
    }
}
