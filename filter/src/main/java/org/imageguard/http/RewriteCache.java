package org.imageguard.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import org.imageguard.config.CacheSettings;
import org.imageguard.engine.RewriteReport;

/**
 * Rewritten bodies in memory, bounded in bytes.
 *
 * <p><b>Two-level lookup.</b> The origin's validator belongs in the key, but it is only known once the origin has
 * answered, while a fresh hit must be served without asking the origin. So the Caffeine key is the part known from
 * the request alone, {@link Key} (URL with query, policy fingerprint, negotiated variant), and the entry carries the
 * second level: the origin validator its body was computed from, and when it was stored.
 * <ul>
 *   <li>entry younger than {@code fresh-for}: served, the origin is not asked;</li>
 *   <li>entry older: the request goes to the origin carrying the entry's validator (If-None-Match /
 *       If-Modified-Since); 304 → {@link #refresh} and serve; 200 → {@link #getOrCompute} with the new validator,
 *       which reuses the entry when the validator is unchanged and replaces it otherwise;</li>
 *   <li>no entry: the origin is asked plainly, then {@link #getOrCompute}.</li>
 * </ul>
 *
 * <p><b>Coalescing.</b> Values are futures: the first request for a key installs an incomplete future and computes on
 * its own thread, outside any lock; concurrent requests for the same key and validator wait for that future. A failed
 * computation is removed, so errors are never cached; its waiters get a {@link SharedFailure}.
 *
 * <pre>{@code
 * RewriteCache cache = new RewriteCache(CacheSettings.DEFAULTS);
 * RewriteCache.Lookup found = cache.getOrCompute(key, validator, storedAt -> buildEntry(storedAt));
 * }</pre>
 */
public final class RewriteCache {

    /** What is known from the request alone. */
    public record Key(String url, String fingerprint, Variant variant) {
        public Key {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(variant, "variant");
        }
    }

    /**
     * One rewrite and where it came from.
     *
     * @param originValidator    {@link EntityTags#originValidator} of the original it was computed from
     * @param originEtag         the origin's ETag, sent back as If-None-Match to revalidate (may be empty)
     * @param originLastModified the origin's Last-Modified, sent as If-Modified-Since when there is no ETag
     * @param storedAtNanos      {@link Ticker#read()} when stored or last revalidated
     */
    public record Entry(String originValidator, String originEtag, String originLastModified,
                        Representation representation, RewriteReport report, long storedAtNanos) {

        /** Body bytes plus headers and bookkeeping, roughly. */
        static final int OVERHEAD = 512;

        Entry withStoredAt(long nanos) {
            return new Entry(originValidator, originEtag, originLastModified, representation, report, nanos);
        }

        int weight() {
            return (int) Math.min(Integer.MAX_VALUE, (long) representation.body().length + OVERHEAD);
        }
    }

    /** The entry served and whether this call ran the computation (a miss) or found it (a hit). */
    public record Lookup(Entry entry, boolean computed) {
    }

    private static final int REPLACE_ATTEMPTS = 3;

    private final AsyncCache<Key, Entry> cache;
    private final ConcurrentMap<Key, CompletableFuture<Entry>> map;
    private final Ticker ticker;
    private final long freshForNanos;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public RewriteCache(CacheSettings settings) {
        this(settings, Ticker.systemTicker(), ForkJoinPool.commonPool());
    }

    /** With a fake ticker and a same-thread executor, as tests use. */
    public RewriteCache(CacheSettings settings, Ticker ticker, Executor executor) {
        this.ticker = ticker;
        this.freshForNanos = settings.freshFor().toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumWeight(settings.maxBytes(Runtime.getRuntime().maxMemory()))
                .weigher((Key key, Entry entry) -> entry.weight())
                .ticker(ticker)
                .executor(executor)
                .recordStats()
                .buildAsync();
        this.map = cache.asMap();
    }

    /** The completed entry for a key, whatever its validator and age. */
    public Optional<Entry> lookup(Key key) {
        CompletableFuture<Entry> future = map.get(key);
        if (future == null || !future.isDone() || future.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(future.join());
    }

    /** Younger than {@code fresh-for}: may be served without asking the origin. */
    public boolean isFresh(Entry entry) {
        return ticker.read() - entry.storedAtNanos() < freshForNanos;
    }

    /** Counts a hit served by the caller from {@link #lookup} or {@link #refresh}. */
    public void recordHit() {
        hits.increment();
    }

    /**
     * The entry for this key and origin validator, computing it at most once among concurrent callers. The
     * computation receives the time to store; an exception it throws reaches every waiting caller and caches nothing.
     */
    public Lookup getOrCompute(Key key, String originValidator, LongFunction<Entry> compute) {
        for (int attempt = 0; attempt < REPLACE_ATTEMPTS; attempt++) {
            CompletableFuture<Entry> mine = new CompletableFuture<>();
            CompletableFuture<Entry> current = map.putIfAbsent(key, mine);
            if (current == null) {
                return computeInto(key, mine, compute);
            }
            Entry existing = await(current);
            if (existing.originValidator().equals(originValidator)) {
                hits.increment();
                return new Lookup(isFresh(existing) ? existing : refresh(key, existing), false);
            }
            if (map.replace(key, current, mine)) {
                return computeInto(key, mine, compute);
            }
            // Someone else replaced it meanwhile: look again.
        }
        // Under heavy churn for one key, serve a correct body rather than wait for a turn.
        misses.increment();
        return new Lookup(compute.apply(ticker.read()), true);
    }

    /** The origin confirmed the entry (304, or the same validator): it is fresh again. */
    public Entry refresh(Key key, Entry entry) {
        Entry refreshed = entry.withStoredAt(ticker.read());
        CompletableFuture<Entry> current = map.get(key);
        if (current != null && current.isDone() && !current.isCompletedExceptionally() && current.join() == entry) {
            map.replace(key, current, CompletableFuture.completedFuture(refreshed));
        }
        return refreshed;
    }

    public CacheStats stats() {
        cache.synchronous().cleanUp();
        long weighted = cache.synchronous().policy().eviction()
                .map(eviction -> eviction.weightedSize().orElse(0L))
                .orElse(0L);
        return new CacheStats(hits.sum(), misses.sum(), cache.synchronous().stats().evictionCount(), weighted);
    }

    public Duration freshFor() {
        return Duration.ofNanos(freshForNanos);
    }

    private Lookup computeInto(Key key, CompletableFuture<Entry> mine, LongFunction<Entry> compute) {
        try {
            Entry entry = compute.apply(ticker.read());
            misses.increment();
            mine.complete(entry);
            return new Lookup(entry, true);
        } catch (RuntimeException | Error e) {
            map.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static Entry await(CompletableFuture<Entry> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw new SharedFailure(e.getCause());
        }
    }

    /**
     * The computation this caller waited for failed in another request, which has already logged and counted it:
     * the waiter applies {@code on-error} too, without reporting the same failure twice.
     */
    public static final class SharedFailure extends RuntimeException {
        SharedFailure(Throwable cause) {
            super("a concurrent rewrite of the same image failed: " + cause.getMessage(), cause);
        }
    }

    @Override
    public String toString() {
        return "RewriteCache[max-size=" + cache.synchronous().policy().eviction()
                .map(e -> e.getMaximum() + "B").orElse("?") + ", fresh-for=" + freshFor() + "]";
    }
}
