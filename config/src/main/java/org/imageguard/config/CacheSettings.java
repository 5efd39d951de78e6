package org.imageguard.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The in-memory cache of rewritten images: bounded in bytes, fresh for a while, then revalidated.
 *
 * @param maxSize  an explicit bound, or empty for {@code auto}: a quarter of the maximum heap
 *                 ({@link #maxBytes(long)})
 */
public record CacheSettings(Optional<DataSize> maxSize, Duration freshFor) {

    /** {@code cache.max-size: auto} takes the maximum heap divided by this. */
    public static final int AUTO_HEAP_DIVISOR = 4;
    /** How ops write the automatic bound. */
    public static final String AUTO = "auto";

    public static final CacheSettings DEFAULTS = new CacheSettings(Optional.empty(), Duration.ofSeconds(60));

    public CacheSettings {
        Objects.requireNonNull(maxSize, "maxSize");
        Objects.requireNonNull(freshFor, "freshFor");
        if (freshFor.isNegative()) {
            throw new IllegalArgumentException("fresh-for cannot be negative");
        }
    }

    /** An explicit bound. */
    public CacheSettings(DataSize maxSize, Duration freshFor) {
        this(Optional.of(maxSize), freshFor);
    }

    /** The bound in bytes for a JVM whose maximum heap is {@code maxHeap}. */
    public long maxBytes(long maxHeap) {
        return maxSize.map(DataSize::bytes).orElse(maxHeap / AUTO_HEAP_DIVISOR);
    }
}
