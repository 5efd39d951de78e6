package org.imageguard.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the proxy gets what it serves: an upstream HTTP server or a static directory, never both. Neither is set
 * when the file configures only the filter.
 */
public record OriginSettings(Optional<URI> upstream, Optional<Path> root, Duration connectTimeout, Duration timeout) {

    public static final OriginSettings DEFAULTS =
            new OriginSettings(Optional.empty(), Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(30));

    public OriginSettings {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(timeout, "timeout");
        if (upstream.isPresent() && root.isPresent()) {
            throw new IllegalArgumentException("origin takes upstream or root, not both");
        }
    }

    /** True when the file names an origin (the proxy needs one unless it serves the demo). */
    public boolean isConfigured() {
        return upstream.isPresent() || root.isPresent();
    }
}
