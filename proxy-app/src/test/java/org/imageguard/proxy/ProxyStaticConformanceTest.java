package org.imageguard.proxy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imageguard.filter.HttpConformanceContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP conformance contract the servlet filter passes, on the proxy in static mode over a temporary directory. */
class ProxyStaticConformanceTest extends HttpConformanceContract {

    @TempDir
    Path root;
    private ImageGuardServer proxy;

    @BeforeEach
    void start() throws Exception {
        ConformanceSite.write(root);
        // The contract compares a hit with the miss before it: no background recompression in between.
        proxy = ImageGuardServer.create(ProxyFixtures.config("origin: { root: '" + root + "' }\n"
                + "optimize: { mode: none }\n"));
        proxy.start();
    }

    @AfterEach
    void stop() throws Exception {
        proxy.stop();
    }

    @Override
    protected URI baseUri() {
        return URI.create(proxy.publicUrl() + "/");
    }

    @Override
    protected byte[] originBytes(String path) throws IOException {
        return Files.readAllBytes(root.resolve(path.substring(1)));
    }
}
