package org.imageguard.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imageguard.testing.ExifTool;
import org.imageguard.testing.PrivateMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop-in install, exactly as README's "Deployment: servlet filter" describes it, in an unmodified container:
 * Debian's Tomcat 10.1 runs a plain web application whose only ImageGuard parts are
 * {@code WEB-INF/lib/imageguard-filter-VERSION-all.jar}, the filter in {@code WEB-INF/web.xml} and
 * {@code WEB-INF/classes/imageguard.yaml} (rights set) read through {@code config=classpath:imageguard.yaml}.
 *
 * <p>The jar comes from failsafe's system property {@code imageguard.filterAllJar} (the reactor packaged it before
 * this runs); the site from {@code tests/tomcat/make-catalina-base.sh}, which the README's script uses too.
 */
class StockTomcatIT {

    private static final String GPTBOT = "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2;"
            + " +https://openai.com/gptbot)";
    private static final String PHOTO = "/images/photo.jpg";

    @TempDir
    Path temp;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private StockTomcat tomcat;

    @AfterEach
    void stopTomcat() throws InterruptedException {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    private StockTomcat prepare() {
        String jar = System.getProperty("imageguard.filterAllJar");
        assertThat(jar).as("system property imageguard.filterAllJar (set by tests/pom.xml's failsafe)").isNotBlank();
        tomcat = StockTomcat.prepare(temp.resolve("catalina-base"), Path.of(jar));
        return tomcat;
    }

    @Test
    void theDropInJarProtectsImagesAndLeavesPagesAlone() throws Exception {
        ExifTool exiftool = ExifTool.require().requireDataMiningSupport();
        prepare();
        byte[] original = Files.readAllBytes(tomcat.webapp().resolve(PHOTO.substring(1)));
        assertThat(PrivateMetadata.keysIn(exiftool.allTags(original))).as("the photo carries GPS to begin with")
                .isNotEmpty();
        tomcat.start();

        HttpResponse<byte[]> first = get(PHOTO, null);
        assertThat(first.statusCode()).as(tomcat.logs()).isEqualTo(200);
        assertThat(header(first, "X-ImageGuard")).startsWith("miss");
        assertThat(header(first, "X-Robots-Tag")).contains("noai");
        assertThat(header(first, "tdm-reservation")).isEqualTo("1");
        assertThat(header(first, "ETag")).as("a strong validator").startsWith("\"").endsWith("\"");
        JsonNode tags = exiftool.allTags(first.body());
        assertThat(tags.path("XMP-plus:DataMining").asText()).isEqualTo("DMI-PROHIBITED");
        assertThat(tags.path("XMP-dc:Rights").asText()).as("rights from WEB-INF/classes/imageguard.yaml")
                .isEqualTo("© 2026 Example Photographer");
        assertThat(PrivateMetadata.keysIn(tags)).isEmpty();

        HttpResponse<byte[]> second = get(PHOTO, null);
        assertThat(header(second, "X-ImageGuard")).startsWith("hit");
        assertThat(second.body()).isEqualTo(first.body());

        assertThat(get(PHOTO, GPTBOT).statusCode()).isEqualTo(403);
        HttpResponse<byte[]> robots = get("/robots.txt", GPTBOT);
        assertThat(robots.statusCode()).isEqualTo(200);
        assertThat(new String(robots.body(), StandardCharsets.UTF_8)).contains("User-agent: GPTBot");

        HttpResponse<byte[]> page = get("/index.html", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo(Files.readAllBytes(StockTomcat.scripts().resolve("webapp/index.html")));

        // metrics-path of web.xml: the miss, the hit and the refusal above, and the budget of max-in-flight (48MB).
        HttpResponse<byte[]> metrics = get("/imageguard/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(new String(metrics.body(), StandardCharsets.UTF_8))
                .contains("imageguard_cache_misses_total 1.0")
                .contains("imageguard_cache_hits_total 1.0")
                .contains("imageguard_crawler_blocks_total{agent=\"GPTBot\"} 1.0")
                .contains("imageguard_in_flight_capacity_bytes " + (double) (48 << 20));

        // The filter's own log reaches Tomcat's log file, catalina.DATE.log: the jar's relocated slf4j has its
        // relocated java.util.logging binding, and Tomcat's JULI writes every web application's lines there.
        tomcat.close();
        String catalinaLog = tomcat.logFile("catalina.");
        assertThat(catalinaLog).contains("ImageGuard filter 'imageguard' started in / with classpath:imageguard.yaml:"
                        + " data-mining DMI-PROHIBITED")
                .contains(" · in-flight budget 48MB · meters as Prometheus text at /imageguard/metrics"
                        + " (127.0.0.1, ::1)")
                .doesNotContain("SLF4J");
    }

    @Test
    void anInvalidConfigurationStopsTheApplicationAndTomcatLogsWhere() throws Exception {
        prepare();
        Files.writeString(tomcat.webapp().resolve("WEB-INF/classes/imageguard.yaml"), """
                protection:
                  data-mining: DMI-PROHIBITED
                  colour: red
                """, StandardCharsets.UTF_8);
        tomcat.start();

        assertThat(get(PHOTO, null).statusCode()).as("ROOT did not start, so nothing serves the photo")
                .isEqualTo(404);
        String logs = tomcat.stopAndReadLogs();
        assertThat(logs).contains("ImageGuard filter 'imageguard': classpath:imageguard.yaml:3:3: protection.colour:"
                + " unknown key");
        assertThat(logs).as("one line per problem, not a stack trace").doesNotContain("\tat org.imageguard")
                .doesNotContain("at org.imageguard.config");
    }

    private HttpResponse<byte[]> get(String path, String userAgent) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(tomcat.uri(path)).GET();
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }
}
