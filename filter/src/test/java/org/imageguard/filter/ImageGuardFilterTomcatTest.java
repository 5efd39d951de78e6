package org.imageguard.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP conformance contract on embedded Tomcat 11: its DefaultServlet serves a temporary directory behind the
 * filter, registered as {@code web.xml} would (the defaults but {@code optimize.mode: none}, and the real engine).
 */
class ImageGuardFilterTomcatTest extends HttpConformanceContract {

    @TempDir
    Path root;
    @TempDir
    Path work;

    private Tomcat tomcat;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        TestSites.writeSite(root);
        tomcat = new Tomcat();
        tomcat.setBaseDir(work.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);

        Context context = tomcat.addContext("", root.toString());
        Tomcat.addDefaultMimeTypeMappings(context);
        Tomcat.addServlet(context, "default", new DefaultServlet());
        context.addServletMappingDecoded("/", "default");
        FilterDef filter = new FilterDef();
        filter.setFilterName("imageguard");
        filter.setFilterClass(ImageGuardFilter.class.getName());
        // The contract compares a hit with the miss before it: no background recompression in between.
        filter.addInitParameter(ImageGuardFilter.CONFIG_PARAM, "classpath:filter/no-optimize.yaml");
        // The filter's own Prometheus text: this test's client is 127.0.0.1, which metrics-allow admits by default.
        filter.addInitParameter("metrics-path", "/imageguard/metrics");
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("imageguard");
        mapping.addURLPattern("/*");
        context.addFilterMap(mapping);

        tomcat.start();
        base = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/");
    }

    @AfterEach
    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    @Test
    void anAugmentedRobotsTxtLosesTheValidatorsOfTheSitesFile() throws Exception {
        Files.writeString(root.resolve("robots.txt"), "User-agent: *\nDisallow: /private/\n");
        HttpResponse<byte[]> robots = get("/robots.txt");
        assertThat(robots.statusCode()).isEqualTo(200);
        assertThat(new String(robots.body(), StandardCharsets.UTF_8)).startsWith("User-agent: *\nDisallow: /private/\n")
                .contains("User-agent: GPTBot\n");
        assertThat(header(robots, "Content-Length")).contains(Integer.toString(robots.body().length));
        assertThat(header(robots, "ETag")).isEmpty();
        assertThat(header(robots, "Last-Modified")).isEmpty();
    }

    @Test
    void aMissingRobotsTxtIsServedFromOursInsteadOfTomcatsErrorPage() throws Exception {
        HttpResponse<byte[]> robots = get("/robots.txt");
        assertThat(robots.statusCode()).isEqualTo(200);
        assertThat(new String(robots.body(), StandardCharsets.UTF_8)).contains("User-agent: GPTBot\n");
    }

    @Test
    void metricsPathCountsAMissAHitAndARefusal() throws Exception {
        get(imagePath());
        get(imagePath());
        assertThat(send(request(imagePath()).header("User-Agent", FilterMetricsTest.GPTBOT)).statusCode())
                .isEqualTo(403);

        HttpResponse<byte[]> metrics = get("/imageguard/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(new String(metrics.body(), StandardCharsets.UTF_8))
                .contains("imageguard_cache_misses_total 1.0")
                .contains("imageguard_cache_hits_total 1.0")
                .contains("imageguard_crawler_blocks_total{agent=\"GPTBot\"} 1.0");
    }

    @Override
    protected URI baseUri() {
        return base;
    }

    @Override
    protected byte[] originBytes(String path) throws IOException {
        return Files.readAllBytes(root.resolve(path.substring(1)));
    }
}
