package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.imageguard.config.ConfigLoader;
import org.imageguard.http.Exchange;
import org.imageguard.http.HttpAnswer;
import org.imageguard.http.OriginResponse;
import org.imageguard.http.RequestFacts;
import org.imageguard.http.Step;
import org.imageguard.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload replaces the site: the replaced site's background optimiser stops its workers, so reloads leak none. */
class OptimizerThreadsTest {

    private static final Path JPEG_FILE = Path.of("/usr/share/go-1.19/src/image/testdata/video-001.q50.420.jpeg");

    @TempDir
    Path dir;

    @Test
    void aReloadStopsTheReplacedSitesOptimizerWorkers() throws Exception {
        byte[] jpeg = Files.readAllBytes(ExternalTool.requirePath(JPEG_FILE));
        Path file = dir.resolve("imageguard.yaml");
        Files.writeString(file, "protection: { data-mining: DMI-PROHIBITED }\n");
        ConfigReloader configs = new ConfigReloader(() -> ConfigLoader.load(file));
        String[] codes = {"DMI-ALLOWED", "DMI-PROHIBITED-AIMLTRAINING", "DMI-PROHIBITED"};
        for (String code : codes) {
            miss(configs, jpeg, "/before-" + code + ".jpg"); // starts a worker of the site in force
            Files.writeString(file, "protection: { data-mining: " + code + " }\n");
            assertThat(configs.reload()).isEmpty();
        }
        miss(configs, jpeg, "/last.jpg");

        // Waits for an event (the old workers ending), bounded, rather than for a duration.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (optimizerThreads() > 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(optimizerThreads()).as("only the site in force keeps a worker").isLessThanOrEqualTo(1);
        configs.close();
    }

    private static void miss(ConfigReloader configs, byte[] jpeg, String path) {
        Step step = configs.site().pipeline().begin(RequestFacts.of("GET", path));
        try (Exchange exchange = ((Step.Forward) step).exchange()) {
            exchange.decide(OriginResponse.ok("image/jpeg").withEtag("\"v1\""));
            HttpAnswer answer = exchange.complete(jpeg);
            assertThat(answer.header("X-ImageGuard")).isEqualTo("miss;stage=protected");
        }
    }

    private static long optimizerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("imageguard-optimizer-")).count();
    }
}
