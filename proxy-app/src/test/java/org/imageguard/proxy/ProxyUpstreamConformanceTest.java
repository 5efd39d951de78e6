package org.imageguard.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.net.URI;
import java.util.Map;
import org.imageguard.filter.HttpConformanceContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The HTTP conformance contract on the proxy in upstream mode: a WireMock origin serves the same files, with the
 * validators and types a web server sends.
 */
class ProxyUpstreamConformanceTest extends HttpConformanceContract {

    private static final String LAST_MODIFIED = "Tue, 03 Nov 2026 10:00:00 GMT";

    private final WireMockServer origin = new WireMockServer(options().dynamicPort().gzipDisabled(true));
    private Map<String, byte[]> files;
    private ImageGuardServer proxy;

    @BeforeEach
    void start() throws Exception {
        files = ConformanceSite.files();
        origin.start();
        files.forEach((path, bytes) -> origin.stubFor(WireMock.get(path).willReturn(aResponse()
                .withHeader("Content-Type", path.endsWith(".jpg") ? "image/jpeg" : "text/html; charset=utf-8")
                .withHeader("ETag", "\"v-" + bytes.length + "\"").withHeader("Last-Modified", LAST_MODIFIED)
                .withBody(bytes))));
        // The contract compares a hit with the miss before it: no background recompression in between.
        proxy = ImageGuardServer.create(ProxyFixtures.config("origin: { upstream: '" + origin.baseUrl()
                + "', timeout: 10s }\noptimize: { mode: none }\n"));
        proxy.start();
    }

    @AfterEach
    void stop() throws Exception {
        proxy.stop();
        origin.stop();
    }

    @Override
    protected URI baseUri() {
        return URI.create(proxy.publicUrl() + "/");
    }

    @Override
    protected byte[] originBytes(String path) {
        return files.get(path);
    }
}
