package org.imageguard.tests;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop-in jar in a stock Jetty 12 distribution ({@code org.eclipse.jetty:jetty-home} from Maven Central, unpacked
 * by the build): a JETTY_BASE made with {@code --add-modules=ee10-deploy,http,logging-jul-capture} and in
 * {@code webapps/ROOT} the same web application as StockTomcatIT's (the jar in WEB-INF/lib, its web.xml with
 * {@code max-in-flight} and {@code metrics-path}, the YAML in WEB-INF/classes). The filter's lines must come out in
 * Jetty's own log (its console, where jetty-home logs by default) in Jetty's format, through Jetty's SLF4J.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StockJettyIT {

    private static final Duration STARTUP = Duration.ofSeconds(120);

    @TempDir
    Path base;

    private Process jetty;

    @AfterEach
    void stop() throws InterruptedException {
        ChildServer.stop(jetty);
    }

    @Test
    void theFilterProtectsImagesAndLogsThroughJetty() throws Exception {
        Path home = Path.of(System.getProperty("imageguard.jettyHome", "target/jetty-home")).toAbsolutePath();
        Path filterJar = Path.of(System.getProperty("imageguard.filterAllJar", "missing")).toAbsolutePath();
        if (!Files.isRegularFile(home.resolve("start.jar")) || !Files.isRegularFile(filterJar)) {
            fail(home + "/start.jar or " + filterJar + " is missing: run the IT through `mvn verify`");
        }
        // logging-jul-capture bridges java.util.logging (where the drop-in jar logs when the application has no SLF4J
        // of its own: Jetty hides its SLF4J from web applications) into Jetty's log. Its jul-to-slf4j jar asks for
        // its licence to be acknowledged.
        run(home, List.of("--add-modules=ee10-deploy,http,logging-jul-capture", "--approve-all-licenses"));
        Path webapp = base.resolve("webapps/ROOT");
        Path tomcatApp = StockTomcat.scripts().resolve("webapp");
        Files.createDirectories(webapp.resolve("WEB-INF/lib"));
        Files.createDirectories(webapp.resolve("WEB-INF/classes"));
        Files.createDirectories(webapp.resolve("images"));
        Files.copy(tomcatApp.resolve("WEB-INF/web.xml"), webapp.resolve("WEB-INF/web.xml"));
        Files.copy(tomcatApp.resolve("WEB-INF/classes/imageguard.yaml"),
                webapp.resolve("WEB-INF/classes/imageguard.yaml"));
        Files.copy(filterJar, webapp.resolve("WEB-INF/lib").resolve(filterJar.getFileName()));
        byte[] photo = ChildServer.resource("demo/images/harbour.jpg");
        Files.write(webapp.resolve("images/photo.jpg"), photo);

        int port = ChildServer.freePort();
        Path log = base.resolve("console.log");
        jetty = new ProcessBuilder(java(), "-jar", home.resolve("start.jar").toString(), "jetty.http.port=" + port,
                "jetty.http.host=127.0.0.1").directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        ChildServer.awaitHttp(jetty, "http://127.0.0.1:" + port + "/index.html", log, STARTUP);

        HttpResponse<byte[]> image = ChildServer.get("http://127.0.0.1:" + port + "/images/photo.jpg", null);
        assertThat(image.statusCode()).as(Files.readString(log)).isEqualTo(200);
        assertThat(image.headers().firstValue("X-ImageGuard")).contains("miss;stage=protected");
        assertThat(new String(image.body(), ISO_8859_1)).contains("DMI-PROHIBITED");
        assertThat(ChildServer.get("http://127.0.0.1:" + port + "/images/photo.jpg", "GPTBot/1.2").statusCode())
                .isEqualTo(403);
        // web.xml's metrics-path, from 127.0.0.1; the budget is max-in-flight's 48MB, not a quarter of the heap.
        HttpResponse<byte[]> metrics = ChildServer.get("http://127.0.0.1:" + port + "/imageguard/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(new String(metrics.body(), UTF_8)).contains("imageguard_cache_misses_total 1.0")
                .contains("imageguard_crawler_blocks_total{agent=\"GPTBot\"} 1.0")
                .contains("imageguard_in_flight_capacity_bytes " + (double) (48 << 20));

        String console = Files.readString(log, UTF_8);
        assertThat(console.lines().filter(line -> line.contains("ImageGuard filter 'imageguard' started in /")))
                .as("the start-up line, in Jetty's format (level and abbreviated logger), with the init-param's "
                        + "budget:\n" + console)
                .singleElement().asString().containsPattern(":INFO ?:[a-z.]*ImageGuardFilter:")
                .endsWith("in-flight budget 48MB · meters as Prometheus text at /imageguard/metrics (127.0.0.1, ::1)");
        assertThat(console).doesNotContain("SLF4J(");
    }

    private void run(Path home, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", home.resolve("start.jar").toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(base.resolve("setup.log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            fail("start.jar " + arguments + " failed:\n" + Files.readString(base.resolve("setup.log")));
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
