package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.config;
import static org.imageguard.proxy.ProxyFixtures.raw;
import static org.imageguard.proxy.ProxyFixtures.status;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A per-path rule cannot be escaped by spelling the path another way: whatever the origin would serve as
 * {@code /private/a.jpg} is judged by the {@code /private/**} rule (here: no embedding without a Referer, outside
 * the default exempt {@code /**}{@code /hotlink-ok/**}), and whatever the rule does not see is not served as that file.
 */
class PathRuleEscapeTest {

    @TempDir
    Path root;
    private ImageGuardServer proxy;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(root.resolve("private"));
        Files.createDirectories(root.resolve("public"));
        Files.write(root.resolve("private/a.jpg"), ProxyFixtures.gpsJpeg());
        proxy = ImageGuardServer.create(config("origin: { root: '" + root + "' }\n"
                + "paths:\n"
                + "  - match: /private/**\n"
                + "    hotlink: { enabled: true, allow-empty-referer: false }\n"));
        proxy.start();
    }

    @AfterEach
    void stop() throws Exception {
        proxy.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/private/a.jpg", "//private/a.jpg", "/private//a.jpg", "///private///a.jpg",
        "/private;x/a.jpg", "/private/a.jpg;x", "/private/./a.jpg", "/public/../private/a.jpg", "/%70rivate/a.jpg",
        "/private/%61.jpg", "/private%2Fa.jpg", "/public/..;/private/a.jpg", "/public/%2e%2e/private/a.jpg",
        "/public/%2E%2E/private/a.jpg", "/public/.%2e/private/a.jpg", "/public%2F..%2Fprivate/a.jpg",
        "/private/hotlink-ok/../a.jpg", "/private/hotlink-ok;x/../a.jpg", "/hotlink-ok;/../private/a.jpg",
        "/private/hotlink-ok%2F..%2Fa.jpg"})
    void noSpellingOfThePrivatePathIsServedWithoutItsRule(String target) throws Exception {
        String answer = raw(URI.create(proxy.publicUrl()).getPort(), "GET " + target + " HTTP/1.1\r\nHost: site.test");
        assertThat(status(answer)).as(answer.lines().findFirst().orElse("")).isNotEqualTo(200);
    }
}
