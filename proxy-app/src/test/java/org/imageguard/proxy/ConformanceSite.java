package org.imageguard.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The site the conformance contract expects ({@code /img/photo.jpg}, the GPS JPEG, and {@code /index.html}), as files
 * for static mode and as bytes by path for a WireMock origin.
 */
final class ConformanceSite {

    private ConformanceSite() {
    }

    static Map<String, byte[]> files() throws IOException {
        return Map.of("/img/photo.jpg", ProxyFixtures.gpsJpeg(),
                "/index.html", "<!doctype html><title>site</title><img src=img/photo.jpg>\n"
                        .getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path root) throws IOException {
        for (Map.Entry<String, byte[]> file : files().entrySet()) {
            Path target = root.resolve(file.getKey().substring(1));
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
    }
}
