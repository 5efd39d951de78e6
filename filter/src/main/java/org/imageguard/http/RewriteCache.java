package org.imageguard.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

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
 * the request alone, {@link Key} (Host, raw URL with query, policy fingerprint, negotiated variant), and the entry
 * carries the second level: the origin validator its body was computed from, and when it was stored.
 * <ul>
 *   <li>entry younger than its lifetime (the shorter of {@code fresh-for} and the origin's {@code s-maxage} or
 *       {@code max-age}; zero for {@code no-cache}): served, the origin is not asked;</li>
 *   <li>entry older: the request goes to the origin carrying the entry's validator (If-None-Match /
 *       If-Modified-Since); 304 → {@link #refresh} and serve; 200 → {@link #getOrCompute} with the new validator,
 *       which reuses the entry when the validator is unchanged and replaces it otherwise;</li>
 *   <li>no entry: the origin is asked plainly, then {@link #getOrCompute}.</li>
 * </ul>
 * What may be stored at all is decided by {@link CacheRules}, before this class is asked.
 *
 * <p><b>Coalescing.</b> Values are futures: the first request for a key installs an incomplete future and computes on
 * its own thread, outside any lock; concurrent requests for the same key and validator wait for that future.
 *
 * <p><b>Failures are remembered briefly.</b> A computation that fails (a corrupt image) leaves a {@link Failure} for
 * its key and validator, for {@link #FAILURE_TTL} by the cache's ticker: its waiters, and every request for the same
 * image until then, get a {@link SharedFailure} at once instead of parsing the same bad bytes again. A new validator
 * (the origin fixed the image) replaces it. Futures are never completed exceptionally, so Caffeine has nothing to log.
 *
 * <p><b>Bodies on or off the heap.</b> A cache made with {@link #offHeap} keeps each stored body in a direct buffer
 * outside the heap ({@link Representation#offHeapCopy}), which a socket writes without the per-write copy a heap
 * array costs; the computing request is answered from that copy too, and the heap array is garbage. The weigher
 * counts a body's bytes wherever they live, so {@code max-size} bounds the direct memory the cache holds. When direct
 * memory is short the body stays on the heap: slower to write, never a failed request.
 *
 * <pre>{@code
 * RewriteCache cache = new RewriteCache(CacheSettings.DEFAULTS);
 * RewriteCache.Lookup found = cache.getOrCompute(key, validator, storedAt -> buildEntry(storedAt));
 * }</pre>
 */
public final class RewriteCache {

    /** How long a failed rewrite is remembered for its key and validator. */
    public static final Duration FAILURE_TTL = Duration.ofSeconds(30);

    /**
     * What is known from the request alone.
     *
     * @param host the Host the client asked for: one filter or proxy may serve several sites
     * @param url  the raw path and query, exactly as the origin is asked for them
     */
    public record Key(String host, String url, String fingerprint, Variant variant) {
        public Key {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(variant, "variant");
        }
    }

    /** What a key holds: a rewrite, or a recent failure. */
    sealed interface Stored permits Entry, Failure {
        String originValidator();

        int weight();
    }

    /**
     * One rewrite and where it came from. Only what the bytes determine is stored: the headers that depend on the
     * policy alone (signals, {@code no-transform}, {@code Vary: Accept}) are added when each response is made, so a
     * reload that changes them applies to hits at once.
     *
     * @param originValidator    {@link EntityTags#originValidator} of the original it was computed from
     * @param originEtag         the origin's ETag, sent back as If-None-Match to revalidate (may be empty)
     * @param originLastModified the origin's Last-Modified, sent as If-Modified-Since when there is no ETag
     * @param originCacheControl the origin's Cache-Control, to which the policy may add {@code no-transform}
     * @param originVary         the origin's Vary, to which the policy may add {@code Accept}
     * @param representation     body, Content-Type, ETag and Last-Modified
     * @param storedAtNanos      {@link Ticker#read()} when stored or last revalidated
     * @param lifetimeNanos      how long after {@code storedAtNanos} it may be served without asking the origin
     */
    public record Entry(String originValidator, String originEtag, String originLastModified,
                        String originCacheControl, String originVary, Representation representation,
                        RewriteReport report, long storedAtNanos, long lifetimeNanos, Stage stage)
            implements Stored {

        /** Body bytes plus headers and bookkeeping, roughly. */
        static final int OVERHEAD = 512;

        public Entry {
            Objects.requireNonNull(stage, "stage");
        }

        /** A freshly protected entry, not optimised yet. */
        public Entry(String originValidator, String originEtag, String originLastModified, String originCacheControl,
                     String originVary, Representation representation, RewriteReport report, long storedAtNanos,
                     long lifetimeNanos) {
            this(originValidator, originEtag, originLastModified, originCacheControl, originVary, representation,
                    report, storedAtNanos, lifetimeNanos, Stage.PROTECTED);
        }

        Entry withStoredAt(long nanos) {
            return new Entry(originValidator, originEtag, originLastModified, originCacheControl, originVary,
                    representation, report, nanos, lifetimeNanos, stage);
        }

        /** The same original and age, another body or stage. */
        Entry at(Stage next, Representation body) {
            return new Entry(originValidator, originEtag, originLastModified, originCacheControl, originVary,
                    body, report, storedAtNanos, lifetimeNanos, next);
        }

        @Override
        public int weight() {
            return (int) Math.min(Integer.MAX_VALUE, (long) representation.length() + OVERHEAD);
        }

        /** This entry with its body outside the heap, when there is direct memory for it. */
        Entry offHeap() {
            Representation moved = representation.offHeapCopy();
            return moved == representation ? this : new Entry(originValidator, originEtag, originLastModified,
                    originCacheControl, originVary, moved, report, storedAtNanos, lifetimeNanos, stage);
        }
    }

    /** A rewrite of this validator failed at {@code failedAtNanos}; asking again before the TTL fails at once. */
    record Failure(String originValidator, RuntimeException cause, long failedAtNanos) implements Stored {
        @Override
        public int weight() {
            return Entry.OVERHEAD;
        }
    }

    /** The entry served and whether this call ran the computation (a miss) or found it (a hit). */
    public record Lookup(Entry entry, boolean computed) {
    }

    private static final int REPLACE_ATTEMPTS = 3;

    private final AsyncCache<Key, Stored> cache;
    private final ConcurrentMap<Key, CompletableFuture<Stored>> map;
    private final Ticker ticker;
    private final long freshForNanos;
    private final boolean offHeap;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder knownFailures = new LongAdder();

    public RewriteCache(CacheSettings settings) {
        this(settings, Ticker.systemTicker(), ForkJoinPool.commonPool());
    }

    /** With a fake ticker and a same-thread executor, as tests use. */
    public RewriteCache(CacheSettings settings, Ticker ticker, Executor executor) {
        this(settings, ticker, executor, false);
    }

    private RewriteCache(CacheSettings settings, Ticker ticker, Executor executor, boolean offHeap) {
        this.ticker = ticker;
        this.offHeap = offHeap;
        this.freshForNanos = settings.freshFor().toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumWeight(settings.maxBytes(Runtime.getRuntime().maxMemory()))
                .weigher((Key key, Stored stored) -> stored.weight())
                .ticker(ticker)
                .executor(executor)
                .recordStats()
                .buildAsync();
        this.map = cache.asMap();
    }

    /**
     * A cache that keeps stored bodies in direct buffers outside the heap (see the class comment), for an adapter
     * that writes {@link HttpAnswer#content()} to its sockets as it is.
     */
    public static RewriteCache offHeap(CacheSettings settings) {
        return offHeap(settings, Ticker.systemTicker(), ForkJoinPool.commonPool());
    }

    /** {@link #offHeap(CacheSettings)} with a fake ticker and a same-thread executor, as tests use. */
    public static RewriteCache offHeap(CacheSettings settings, Ticker ticker, Executor executor) {
        return new RewriteCache(settings, ticker, executor, true);
    }

    /** Whether stored bodies go outside the heap when there is direct memory for them. */
    public boolean keepsBodiesOffHeap() {
        return offHeap;
    }

    /** The completed entry for a key, whatever its validator and age; empty for none or a failure. */
    public Optional<Entry> lookup(Key key) {
        CompletableFuture<Stored> future = map.get(key);
        if (future == null || !future.isDone()) {
            return Optional.empty();
        }
        return future.join() instanceof Entry entry ? Optional.of(entry) : Optional.empty();
    }

    /** Younger than its lifetime: may be served without asking the origin. */
    public boolean isFresh(Entry entry) {
        return ticker.read() - entry.storedAtNanos() < entry.lifetimeNanos();
    }

    /** Counts a hit served by the caller from {@link #lookup} or {@link #refresh}. */
    public void recordHit() {
        hits.increment();
    }

    /**
     * The entry for this key and origin validator, computing it at most once among concurrent callers. The
     * computation receives the time to store; an exception it throws reaches the caller, and is remembered for
     * {@link #FAILURE_TTL}: waiters and later callers with the same validator get a {@link SharedFailure}.
     */
    public Lookup getOrCompute(Key key, String originValidator, LongFunction<Entry> compute) {
        for (int attempt = 0; attempt < REPLACE_ATTEMPTS; attempt++) {
            CompletableFuture<Stored> mine = new CompletableFuture<>();
            CompletableFuture<Stored> current = map.putIfAbsent(key, mine);
            if (current == null) {
                return computeInto(key, originValidator, mine, compute);
            }
            Stored existing = current.join();
            if (existing.originValidator().equals(originValidator)) {
                if (existing instanceof Entry entry) {
                    hits.increment();
                    return new Lookup(isFresh(entry) ? entry : refresh(key, entry), false);
                }
                Failure failure = (Failure) existing;
                if (ticker.read() - failure.failedAtNanos() < FAILURE_TTL.toNanos()) {
                    knownFailures.increment();
                    throw new SharedFailure(failure.cause());
                }
            }
            if (map.replace(key, current, mine)) {
                return computeInto(key, originValidator, mine, compute);
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
        CompletableFuture<Stored> current = map.get(key);
        if (current != null && current.isDone() && current.join() == entry) {
            map.replace(key, current, CompletableFuture.completedFuture(refreshed));
        }
        return refreshed;
    }

    /**
     * Moves the entry for {@code key} from {@code from} to {@code next.apply(current)}, but only while it is still
     * the one {@code from} was: same origin validator, same ETag, same stage. A revalidation (a new stored-at time)
     * in between is kept; a new original, a newer stage, an eviction, or a failure leave the map as it is.
     *
     * @return whether the entry was replaced
     */
    boolean advance(Key key, Entry from, UnaryOperator<Entry> next) {
        for (int attempt = 0; attempt < REPLACE_ATTEMPTS; attempt++) {
            CompletableFuture<Stored> current = map.get(key);
            if (current == null || !current.isDone() || !(current.join() instanceof Entry entry)
                    || !sameBody(entry, from)) {
                return false;
            }
            if (map.replace(key, current, CompletableFuture.completedFuture(stored(next.apply(entry))))) {
                return true;
            }
            // Revalidated or replaced meanwhile: look again.
        }
        return false;
    }

    private static boolean sameBody(Entry entry, Entry from) {
        return entry.stage() == from.stage() && entry.originValidator().equals(from.originValidator())
                && entry.representation().etag().equals(from.representation().etag());
    }

    public CacheStats stats() {
        cache.synchronous().cleanUp();
        long weighted = cache.synchronous().policy().eviction()
                .map(eviction -> eviction.weightedSize().orElse(0L))
                .orElse(0L);
        return new CacheStats(hits.sum(), misses.sum(), cache.synchronous().stats().evictionCount(), weighted);
    }

    /** Requests answered with a remembered failure instead of a new attempt. */
    public long knownFailureCount() {
        return knownFailures.sum();
    }

    public Duration freshFor() {
        return Duration.ofNanos(freshForNanos);
    }

    /** The clock entries and failures age by; also the one failure logs are throttled by. */
    public Ticker ticker() {
        return ticker;
    }

    /** What goes into the map for {@code entry}: the same, or with its body moved off the heap. */
    private Entry stored(Entry entry) {
        return offHeap ? entry.offHeap() : entry;
    }

    private Lookup computeInto(Key key, String originValidator, CompletableFuture<Stored> mine,
                               LongFunction<Entry> compute) {
        Entry entry;
        try {
            entry = compute.apply(ticker.read());
        } catch (TransformLimiter.TransformInterruptedException | InFlightBudget.Spent e) {
            // Says nothing about the image: waiters fail like this one, later requests try again.
            mine.complete(new Failure(originValidator, e, ticker.read()));
            map.remove(key, mine);
            throw e;
        } catch (RuntimeException e) {
            mine.complete(new Failure(originValidator, e, ticker.read()));
            throw e;
        } catch (Error e) {
            mine.complete(new Failure(originValidator, new IllegalStateException(e.toString(), e), ticker.read()));
            map.remove(key, mine);
            throw e;
        }
        misses.increment();
        Entry stored = stored(entry);
        mine.complete(stored);
        return new Lookup(stored, true);
    }

    /**
     * The computation this caller waited for, or a recent one for the same image, failed in another request, which
     * has already logged and counted it: the caller applies {@code on-error} too, without reporting it again.
     */
    public static final class SharedFailure extends RuntimeException {
        SharedFailure(Throwable cause) {
            super("a rewrite of the same image failed: " + cause.getMessage(), cause);
        }
    }

    @Override
    public String toString() {
        return "RewriteCache[max-size=" + cache.synchronous().policy().eviction()
                .map(e -> e.getMaximum() + "B").orElse("?") + ", fresh-for=" + freshFor() + ", failures-remembered-for="
                + FAILURE_TTL + (offHeap ? ", bodies off-heap" : "") + "]";
    }
}
