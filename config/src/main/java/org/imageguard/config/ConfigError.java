package org.imageguard.config;

import java.util.Objects;

/**
 * One problem in a configuration file, located by 1-based line and column (0 when the problem has no position,
 * e.g. an unreadable file).
 *
 * <pre>{@code
 * new ConfigError("site.yaml", 4, 16, "server.port: expected 0..65535, found '70000'").toString();
 * // site.yaml:4:16: server.port: expected 0..65535, found '70000'
 * }</pre>
 */
public record ConfigError(String source, int line, int column, String message) {

    public ConfigError {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    /** {@code FILE:LINE:COLUMN: message}, the form editors and CI logs link to; {@code FILE: message} unplaced. */
    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ":" + column + ": " + message : source + ": " + message;
    }
}
