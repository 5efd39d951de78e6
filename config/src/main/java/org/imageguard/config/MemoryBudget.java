package org.imageguard.config;

import java.util.Optional;

/**
 * How a configuration shares the heap: the cache of rewritten images, and the in-flight budget for bodies held
 * while they are rewritten. Every buffered image is reserved {@link #COPIES_PER_IMAGE} times its size in the
 * in-flight budget (the origin's body and the rewritten copy exist together until the answer is written). Half of
 * the heap is left to everything else: the JVM, the server, the garbage collector's headroom, cache hits still
 * being written after eviction.
 *
 * <pre>{@code
 * MemoryBudget budget = MemoryBudget.of(config, Runtime.getRuntime().maxMemory());
 * budget.problem().ifPresent(message -> { err.println(message); System.exit(2); });
 * }</pre>
 *
 * @param maxHeap       the JVM's maximum heap ({@code -Xmx})
 * @param cacheBytes    {@code cache.max-size}, {@code auto} resolved
 * @param inFlightBytes a quarter of the heap, but at least one largest image ({@code max-image-size}) twice over
 * @param largestImage  the largest {@code limits.max-image-size} of the top level and every {@code paths:} entry
 */
public record MemoryBudget(long maxHeap, long cacheBytes, long inFlightBytes, long largestImage) {

    /** Bytes held per byte of a buffered image: the origin's body and the rewritten output. */
    public static final int COPIES_PER_IMAGE = 2;
    /** The in-flight budget takes the maximum heap divided by this (or more, for one largest image). */
    public static final int IN_FLIGHT_HEAP_DIVISOR = 4;
    /** The cache and the in-flight budget together may take at most the heap divided by this. */
    public static final int BUDGETED_HEAP_DIVISOR = 2;

    public static MemoryBudget of(ImageGuardConfig config, long maxHeap) {
        long largest = config.policy().limits().maxImageSize().bytes();
        for (ImageGuardConfig.PathRule rule : config.paths()) {
            largest = Math.max(largest, rule.policy().limits().maxImageSize().bytes());
        }
        return of(config.cache(), largest, maxHeap);
    }

    public static MemoryBudget of(CacheSettings cache, long largestImage, long maxHeap) {
        long inFlight = Math.max(maxHeap / IN_FLIGHT_HEAP_DIVISOR, saturatedTimes(largestImage, COPIES_PER_IMAGE));
        return new MemoryBudget(maxHeap, cache.maxBytes(maxHeap), Math.max(1, inFlight), largestImage);
    }

    /**
     * Why this configuration cannot run in this heap, in one line naming the numbers and what to change; empty when
     * it fits.
     */
    public Optional<String> problem() {
        long allowed = maxHeap / BUDGETED_HEAP_DIVISOR;
        long wanted = cacheBytes + inFlightBytes;
        if (wanted <= allowed && wanted >= 0) {
            return Optional.empty();
        }
        return Optional.of(String.format("memory: cache.max-size (%s) plus the in-flight budget (%s, at least %d x "
                        + "limits.max-image-size %s) need %s, more than half the maximum heap (%s of -Xmx%s): "
                        + "lower cache.max-size (or use auto) or limits.max-image-size, or raise -Xmx",
                mb(cacheBytes), mb(inFlightBytes), COPIES_PER_IMAGE, mb(largestImage), mb(wanted), mb(allowed),
                mb(maxHeap)));
    }

    private static long saturatedTimes(long value, int factor) {
        return value > Long.MAX_VALUE / factor ? Long.MAX_VALUE / 2 : value * factor;
    }

    /** Whole mebibytes as ops write them ({@code 64MB}), rounded down. */
    private static String mb(long bytes) {
        return (bytes >> 20) + "MB";
    }

    @Override
    public String toString() {
        return "MemoryBudget[heap=" + mb(maxHeap) + ", cache=" + mb(cacheBytes) + ", in-flight=" + mb(inFlightBytes)
                + "]";
    }
}
