package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.dataMiningCode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.imageguard.config.ConfigException;
import org.imageguard.config.ConfigLoader;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.config.DataMining;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A changed configuration file rebuilds the site: new requests get the new policy, in their bytes and ETag. */
class ConfigReloadTest {

    @TempDir
    Path dir;
    private Path file;
    private ConfigReloader configs;
    private ImageGuardServer proxy;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger reloaderLog = (Logger) LoggerFactory.getLogger(ConfigReloader.class);

    @BeforeEach
    void start() throws Exception {
        Path root = Files.createDirectories(dir.resolve("site"));
        Files.write(root.resolve("photo.jpg"), ProxyFixtures.gpsJpeg());
        file = dir.resolve("conf").resolve("imageguard.yaml");
        Files.createDirectories(file.getParent());
        write("protection: { data-mining: DMI-PROHIBITED }\n");
        // Protection only: these tests are about reloads, so no background optimisation changes a hit meanwhile.
        configs = new ConfigReloader(() -> ConfigLoader.load(file), new ImageGuardEngine()::rewrite);
        proxy = ImageGuardServer.create(configs, new ProxyMetrics());
        proxy.start();
        log.start();
        reloaderLog.addAppender(log);
    }

    @AfterEach
    void stop() throws Exception {
        reloaderLog.detachAppender(log);
        proxy.stop();
    }

    private void write(String policy) throws Exception {
        Files.writeString(file, "server: { port: 0, admin-port: 0 }\norigin: { root: '" + dir.resolve("site")
                + "' }\n" + policy);
    }

    private HttpResponse<byte[]> photo() throws Exception {
        return ProxyFixtures.get(proxy.publicUrl() + "/photo.jpg");
    }

    private String policySeenByARequest() throws Exception {
        return dataMiningCode(photo().body());
    }

    @Test
    void aValidChangeAppliesToTheNextRequestWithANewEtagAndTheNewCode() throws Exception {
        HttpResponse<byte[]> before = photo();
        assertThat(dataMiningCode(before.body())).isEqualTo("DMI-PROHIBITED");
        assertThat(photo().headers().firstValue("X-ImageGuard")).contains("hit;stage=protected");
        write("protection: { data-mining: DMI-PROHIBITED-AIMLTRAINING }\n");

        assertThat(configs.reload()).isEmpty();

        HttpResponse<byte[]> after = photo();
        assertThat(configs.get().policy().protection().dataMining()).isEqualTo(DataMining.DMI_PROHIBITED_AIMLTRAINING);
        assertThat(after.headers().firstValue("X-ImageGuard")).as("the old entry is not reused").contains("miss;stage=protected");
        assertThat(dataMiningCode(after.body())).isEqualTo("DMI-PROHIBITED-AIMLTRAINING");
        assertThat(after.headers().firstValue("ETag")).isPresent()
                .isNotEqualTo(before.headers().firstValue("ETag"));
    }

    @Test
    void theCacheOutlivesAReload() throws Exception {
        HttpResponse<byte[]> first = photo();
        write("protection: { data-mining: DMI-ALLOWED }\n");
        configs.reload();
        photo();
        write("protection: { data-mining: DMI-PROHIBITED }\n");
        configs.reload();

        HttpResponse<byte[]> again = photo();

        assertThat(again.headers().firstValue("X-ImageGuard")).as("the first policy's entry, kept across two reloads")
                .contains("hit;stage=protected");
        assertThat(again.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
    }

    @Test
    void headerOnlySettingsApplyToCacheHitsAndTo304sAtOnce() throws Exception {
        HttpResponse<byte[]> before = photo();
        assertThat(before.headers().firstValue("X-Robots-Tag")).contains("noai, noimageai");
        write("""
                protection:
                  data-mining: DMI-PROHIBITED
                  headers: { x-robots-tag: noai, tdm-reservation: false, content-usage: 'train-ai=n, search=y' }
                hotlink: { cross-origin-resource-policy: true }
                """);
        assertThat(configs.reload()).isEmpty();

        HttpResponse<byte[]> hit = photo();
        assertThat(hit.headers().firstValue("X-ImageGuard")).as("the bytes did not change: kept").contains("hit;stage=protected");
        assertThat(hit.headers().firstValue("ETag")).isEqualTo(before.headers().firstValue("ETag"));
        HttpResponse<byte[]> notModified = ProxyFixtures.send(HttpRequest.newBuilder(
                URI.create(proxy.publicUrl() + "/photo.jpg")).header("If-None-Match", hit.headers()
                .firstValue("ETag").orElseThrow()).build());
        assertThat(notModified.statusCode()).isEqualTo(304);
        for (HttpResponse<byte[]> response : List.of(hit, notModified)) {
            assertThat(response.headers().firstValue("X-Robots-Tag")).contains("noai");
            assertThat(response.headers().firstValue("tdm-reservation")).isEmpty();
            assertThat(response.headers().firstValue("Content-Usage")).contains("train-ai=n, search=y");
            assertThat(response.headers().firstValue("Cross-Origin-Resource-Policy")).contains("same-site");
        }
    }

    @Test
    void anInvalidFileIsLoggedWithItsPositionAndTheOldConfigurationStays() throws Exception {
        write("protection: { data-mining: DMI-MAYBE }\n");

        Optional<ConfigException> problem = configs.reload();

        assertThat(problem).isPresent();
        assertThat(problem.get().getMessage()).startsWith(file + ":3:");
        assertThat(policySeenByARequest()).isEqualTo("DMI-PROHIBITED");
        assertThat(log.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).contains(file + ":3:").contains("DMI-MAYBE");
        });
    }

    @Test
    void serverChangesWaitForARestartWhileThePolicyApplies() throws Exception {
        Files.writeString(file, "server: { port: 1234, admin-port: 0 }\norigin: { root: '" + dir.resolve("site")
                + "' }\nprotection: { data-mining: DMI-ALLOWED }\n");

        assertThat(configs.reload()).isEmpty();

        assertThat(configs.get().server().port()).isZero();
        assertThat(policySeenByARequest()).isEqualTo("DMI-ALLOWED");
        assertThat(log.list).anySatisfy(event ->
                assertThat(event.getFormattedMessage()).contains("take effect after a restart"));
    }

    @Test
    void theWatcherReloadsWhenTheFileChanges() throws Exception {
        CountDownLatch reloaded = new CountDownLatch(1);
        ConfigWatcher watcher = ConfigWatcher.start(file, () -> {
            configs.reload();
            if (configs.get().policy().protection().dataMining() == DataMining.DMI_ALLOWED) {
                reloaded.countDown();
            }
        });
        try {
            write("protection: { data-mining: DMI-ALLOWED }\n");
            assertThat(reloaded.await(30, TimeUnit.SECONDS)).as("reloaded after the file changed").isTrue();
        } finally {
            watcher.close();
        }
        assertThat(policySeenByARequest()).isEqualTo("DMI-ALLOWED");
    }
}
