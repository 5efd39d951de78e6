package org.imageguard.http;

/**
 * A snapshot of the rewrite cache for metrics.
 *
 * @param hits      requests served from a cached rewrite (fresh, revalidated, or computed by a concurrent request)
 * @param misses    rewrites computed (each one a call to the engine)
 * @param evictions entries dropped to stay within {@code cache.max-size}
 * @param sizeBytes the weight held now: bodies plus a fixed overhead per entry
 */
public record CacheStats(long hits, long misses, long evictions, long sizeBytes) {
}
