package org.imageguard.proxy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.imageguard.config.ConfigError;
import org.imageguard.config.ConfigException;
import org.imageguard.config.ImageGuardConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the configuration in force and replaces it on {@link #reload()}: each request reads one snapshot with
 * {@link #get()}, so a reload applies to new requests only. An invalid new file is logged as
 * {@code FILE:LINE:COLUMN: message} and ignored. The {@code server} and {@code origin} sections are bound at start-up
 * (sockets, client pool): a change there is logged as needing a restart and the running values stay.
 *
 * <pre>{@code
 * ConfigReloader configs = new ConfigReloader(() -> ConfigLoader.load(file)); // loads once now
 * ConfigWatcher.start(file, configs::reload);                                  // and on every change
 * ImageGuardConfig current = configs.get();
 * }</pre>
 */
public final class ConfigReloader implements Supplier<ImageGuardConfig> {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    private final Supplier<ImageGuardConfig> loader;
    private final AtomicReference<ImageGuardConfig> current;

    /** Loads the first configuration now; a ConfigException from this first load propagates. */
    public ConfigReloader(Supplier<ImageGuardConfig> loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.current = new AtomicReference<>(loader.get());
    }

    /** A configuration that never changes (no file, or tests). */
    public static ConfigReloader fixed(ImageGuardConfig config) {
        Objects.requireNonNull(config, "config");
        return new ConfigReloader(() -> config);
    }

    @Override
    public ImageGuardConfig get() {
        return current.get();
    }

    /**
     * Loads the configuration again and applies it. Returns the problem when the new one is invalid (the old one
     * stays in force), empty when it was applied or unchanged.
     */
    public synchronized Optional<ConfigException> reload() {
        ImageGuardConfig next;
        try {
            next = loader.get();
        } catch (ConfigException e) {
            LOG.error("configuration not reloaded, the previous one stays in force:\n{}", e.getMessage());
            return Optional.of(e);
        } catch (RuntimeException e) {
            // e.g. a --root flag whose directory disappeared: still the user's to fix, still not fatal.
            ConfigException wrapped = new ConfigException(List.of(new ConfigError("configuration", 0, 0,
                    String.valueOf(e.getMessage()))));
            LOG.error("configuration not reloaded, the previous one stays in force: {}", e.getMessage());
            return Optional.of(wrapped);
        }
        ImageGuardConfig old = current.get();
        if (!next.server().equals(old.server()) || !next.origin().equals(old.origin())) {
            LOG.warn("server and origin changes take effect after a restart; the running ones stay");
            next = new ImageGuardConfig(old.server(), old.origin(), next.cache(), next.policy(), next.paths());
        }
        if (next.equals(old)) {
            LOG.debug("configuration unchanged");
            return Optional.empty();
        }
        current.set(next);
        LOG.info("configuration reloaded: {}", StartupLine.policySummary(next));
        return Optional.empty();
    }
}
