package org.imageguard.config;

import java.time.Duration;
import java.util.Objects;

/** The in-memory cache of rewritten images: bounded in bytes, fresh for a while, then revalidated. */
public record CacheSettings(DataSize maxSize, Duration freshFor) {

    public static final CacheSettings DEFAULTS = new CacheSettings(DataSize.ofMegabytes(256), Duration.ofSeconds(60));

    public CacheSettings {
        Objects.requireNonNull(maxSize, "maxSize");
        Objects.requireNonNull(freshFor, "freshFor");
        if (freshFor.isNegative()) {
            throw new IllegalArgumentException("fresh-for cannot be negative");
        }
    }
}
