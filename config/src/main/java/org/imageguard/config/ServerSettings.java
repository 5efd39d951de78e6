package org.imageguard.config;

import java.util.Objects;

/** Where the proxy listens. {@code adminPort} 0 disables the admin endpoints. */
public record ServerSettings(String host, int port, int adminPort) {

    public static final ServerSettings DEFAULTS = new ServerSettings("127.0.0.1", 8080, 9090);

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (adminPort < 0 || adminPort > 65535) {
            throw new IllegalArgumentException("admin-port must be 0..65535, got " + adminPort);
        }
    }
}
