package org.imageguard.config;

import java.util.Objects;

/**
 * Where the proxy listens. {@code adminPort} 0 disables the admin endpoints ({@code /healthz}, {@code /metrics});
 * {@code adminHost} is the address they listen on: the loopback by default, {@code 0.0.0.0} for probes and
 * Prometheus in other containers.
 */
public record ServerSettings(String host, int port, int adminPort, String adminHost) {

    /**
     * 8081: outside 9090-9099 (Prometheus and its own components) and 9100-9999 (the range the Prometheus wiki's
     * default port allocations hand to exporters), so a sidecar or node-local Prometheus never collides with it.
     */
    public static final int DEFAULT_ADMIN_PORT = 8081;
    public static final ServerSettings DEFAULTS = new ServerSettings("127.0.0.1", 8080, DEFAULT_ADMIN_PORT);

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(adminHost, "adminHost");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (adminPort < 0 || adminPort > 65535) {
            throw new IllegalArgumentException("admin-port must be 0..65535, got " + adminPort);
        }
    }

    /** With the admin endpoints on the loopback. */
    public ServerSettings(String host, int port, int adminPort) {
        this(host, port, adminPort, "127.0.0.1");
    }
}
