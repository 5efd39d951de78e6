package org.imageguard.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used, with every problem found in it (not only the first).
 *
 * <pre>{@code
 * try {
 *     ConfigLoader.load(Path.of("site.yaml"));
 * } catch (ConfigException e) {
 *     e.errors().forEach(System.err::println); // site.yaml:3:8: ...
 * }
 * }</pre>
 */
public class ConfigException extends RuntimeException {

    private final transient List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** The problems in file order; {@link #getMessage()} is the same list, one per line. */
    public List<ConfigError> errors() {
        return errors;
    }
}
