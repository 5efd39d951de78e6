package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.imageguard.config.CacheSettings;
import org.imageguard.config.DataSize;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.RewriteReport;
import org.junit.jupiter.api.Test;

class RewriteCacheTest {

    private static final Duration FRESH_FOR = Duration.ofSeconds(60);
    private final FakeTicker ticker = new FakeTicker();

    private RewriteCache cache(long maxBytes) {
        return new RewriteCache(new CacheSettings(DataSize.ofBytes(maxBytes), FRESH_FOR), ticker, Runnable::run);
    }

    private static RewriteCache.Key key(String url) {
        return new RewriteCache.Key("site.test", url, "fp", Variant.ORIGINAL);
    }

    private static RewriteCache.Entry entry(String validator, int bodyLength, long storedAt) {
        RewriteReport report = new RewriteReport(ImageFormat.JPEG, 1, 1, RewriteReport.REWRITTEN, List.of(),
                List.of(), bodyLength, bodyLength);
        return new RewriteCache.Entry(validator, "\"o\"", "", "", "", new Representation(new byte[bodyLength],
                "\"ig-x\"", "", List.of()), report, storedAt, FRESH_FOR.toNanos());
    }

    @Test
    void anOffHeapCacheServesTheStoredBodyFromADirectBufferByteIdenticalAndWeighsItsBytes() {
        RewriteCache cache = RewriteCache.offHeap(new CacheSettings(DataSize.ofBytes(1 << 20), FRESH_FOR), ticker,
                Runnable::run);
        byte[] body = new byte[50_000];
        new java.util.Random(7).nextBytes(body);
        RewriteReport report = new RewriteReport(ImageFormat.JPEG, 1, 1, RewriteReport.REWRITTEN, List.of(),
                List.of(), body.length, body.length);
        RewriteCache.Entry computed = new RewriteCache.Entry("etag:1", "\"o\"", "", "", "",
                new Representation(body.clone(), "\"ig-x\"", "", List.of()), report, 0, FRESH_FOR.toNanos());

        RewriteCache.Lookup miss = cache.getOrCompute(key("/a.jpg"), "etag:1", t -> computed);
        RewriteCache.Entry hit = cache.lookup(key("/a.jpg")).orElseThrow();

        assertThat(miss.computed()).isTrue();
        assertThat(hit).as("the miss is answered from the stored entry").isSameAs(miss.entry());
        assertThat(hit.representation().offHeap()).isTrue();
        assertThat(hit.representation().content().isDirect()).isTrue();
        byte[] served = new byte[body.length];
        hit.representation().content().get(served);
        assertThat(served).isEqualTo(body);
        assertThat(hit.representation()).isEqualTo(computed.representation());
        assertThat(cache.stats().sizeBytes()).as("the direct buffer's bytes are weighed like the heap array's")
                .isEqualTo(body.length + RewriteCache.Entry.OVERHEAD)
                .isEqualTo(hit.weight());
        assertThat(cache.refresh(key("/a.jpg"), hit).representation()).isSameAs(hit.representation());
        assertThat(cache.lookup(key("/a.jpg")).orElseThrow().storedAtNanos()).isEqualTo(ticker.read());
    }

    @Test
    void anOffHeapCacheStaysWithinItsMaximumWeightCountingOffHeapBodies() {
        RewriteCache cache = RewriteCache.offHeap(new CacheSettings(DataSize.ofBytes(100_000), FRESH_FOR), ticker,
                Runnable::run);
        for (int i = 0; i < 20; i++) {
            String url = "/" + i + ".jpg";
            cache.getOrCompute(key(url), "etag:1", t -> entry("etag:1", 20_000, t));
        }
        assertThat(cache.stats().sizeBytes()).isLessThanOrEqualTo(100_000);
        assertThat(cache.stats().evictions()).isPositive();
    }

    @Test
    void anEntryIsFreshForTheConfiguredTimeThenStaleUntilRefreshed() {
        RewriteCache cache = cache(1 << 20);
        RewriteCache.Entry stored = cache.getOrCompute(key("/a.jpg"), "etag:1", t -> entry("etag:1", 10, t)).entry();

        ticker.advance(FRESH_FOR.minusNanos(1));
        assertThat(cache.isFresh(cache.lookup(key("/a.jpg")).orElseThrow())).isTrue();
        ticker.advance(Duration.ofNanos(1));
        assertThat(cache.isFresh(cache.lookup(key("/a.jpg")).orElseThrow())).isFalse();

        RewriteCache.Entry refreshed = cache.refresh(key("/a.jpg"), stored);
        assertThat(cache.isFresh(refreshed)).isTrue();
        assertThat(cache.lookup(key("/a.jpg")).orElseThrow().storedAtNanos()).isEqualTo(ticker.read());
    }

    @Test
    void theSameValidatorIsAHitAndANewOneReplacesTheEntry() {
        RewriteCache cache = cache(1 << 20);
        AtomicInteger computations = new AtomicInteger();

        assertThat(cache.getOrCompute(key("/a.jpg"), "etag:1", t -> {
            computations.incrementAndGet();
            return entry("etag:1", 10, t);
        }).computed()).isTrue();
        assertThat(cache.getOrCompute(key("/a.jpg"), "etag:1", t -> {
            computations.incrementAndGet();
            return entry("etag:1", 10, t);
        }).computed()).isFalse();
        RewriteCache.Lookup replaced = cache.getOrCompute(key("/a.jpg"), "etag:2", t -> {
            computations.incrementAndGet();
            return entry("etag:2", 10, t);
        });

        assertThat(replaced.computed()).isTrue();
        assertThat(computations).hasValue(2);
        assertThat(cache.lookup(key("/a.jpg")).orElseThrow().originValidator()).isEqualTo("etag:2");
        assertThat(cache.stats().hits()).isEqualTo(1);
        assertThat(cache.stats().misses()).isEqualTo(2);
    }

    /** One failed computation of /bad.jpg under etag:1. */
    private static void failOnce(RewriteCache cache) {
        assertThatThrownBy(() -> cache.getOrCompute(key("/bad.jpg"), "etag:1", t -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
    }

    @Test
    void aFailureIsRememberedForItsValidatorUntilTheTtlThenTriedAgain() {
        RewriteCache cache = cache(1 << 20);
        failOnce(cache);

        assertThat(cache.lookup(key("/bad.jpg"))).as("no entry to serve").isEmpty();
        assertThatThrownBy(() -> cache.getOrCompute(key("/bad.jpg"), "etag:1", t -> entry("etag:1", 1, t)))
                .isInstanceOf(RewriteCache.SharedFailure.class).hasRootCauseMessage("boom");
        assertThat(cache.knownFailureCount()).isEqualTo(1);

        ticker.advance(RewriteCache.FAILURE_TTL);
        assertThat(cache.getOrCompute(key("/bad.jpg"), "etag:1", t -> entry("etag:1", 1, t)).computed()).isTrue();
    }

    @Test
    void aNewValidatorIsNotHeldBackByAFailure() {
        RewriteCache cache = cache(1 << 20);
        failOnce(cache);
        assertThat(cache.getOrCompute(key("/bad.jpg"), "etag:2", t -> entry("etag:2", 1, t)).computed()).isTrue();
    }

    @Test
    void evictsByWeightInBytes() {
        // Each entry weighs 1000 body bytes + 512 overhead = 1512; 4000 bytes hold two of them.
        RewriteCache cache = cache(4000);
        for (String url : List.of("/1.jpg", "/2.jpg", "/3.jpg", "/4.jpg")) {
            cache.getOrCompute(key(url), "v", t -> entry("v", 1000, t));
        }

        CacheStats stats = cache.stats();
        // Four stored, two dropped: exactly two remain and their weight is what is reported.
        assertThat(stats.evictions()).isEqualTo(2);
        assertThat(stats.sizeBytes()).isEqualTo(2 * 1512);
    }

    @Test
    void anEntryLargerThanTheWholeCacheIsNotKept() {
        RewriteCache cache = cache(1000);
        cache.getOrCompute(key("/huge.jpg"), "v", t -> entry("v", 5000, t));

        assertThat(cache.lookup(key("/huge.jpg"))).isEmpty();
        assertThat(cache.stats().sizeBytes()).isZero();
    }

    @Test
    void concurrentMissesForOneKeyAreComputedOnce() throws Exception {
        RewriteCache cache = cache(1 << 20);
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch firstIsComputing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<RewriteCache.Lookup> first = new AtomicReference<>();
        AtomicReference<RewriteCache.Lookup> second = new AtomicReference<>();

        Thread a = new Thread(() -> first.set(cache.getOrCompute(key("/a.jpg"), "v", t -> {
            computations.incrementAndGet();
            firstIsComputing.countDown();
            await(release);
            return entry("v", 10, t);
        })));
        a.start();
        firstIsComputing.await();
        Thread b = new Thread(() -> second.set(cache.getOrCompute(key("/a.jpg"), "v", t -> {
            computations.incrementAndGet();
            return entry("v", 10, t);
        })));
        b.start();
        // Let b reach the in-flight future before the computation ends. Whether it has or not, the assertion below
        // holds (b would then find the finished entry): waiting only makes the test exercise the coalescing path.
        untilParkedOrDone(b);
        release.countDown();
        a.join();
        b.join();

        assertThat(computations).hasValue(1);
        assertThat(first.get().computed()).isTrue();
        assertThat(second.get().computed()).isFalse();
        assertThat(second.get().entry()).isSameAs(first.get().entry());
    }

    @Test
    void waitersOfAFailedComputationGetItAsASharedFailure() throws Exception {
        RewriteCache cache = cache(1 << 20);
        CountDownLatch firstIsComputing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> waiterSaw = new AtomicReference<>();
        AtomicInteger computations = new AtomicInteger();

        Thread a = new Thread(() -> {
            try {
                cache.getOrCompute(key("/bad.jpg"), "v", t -> {
                    computations.incrementAndGet();
                    firstIsComputing.countDown();
                    await(release);
                    throw new IllegalStateException("corrupt");
                });
            } catch (IllegalStateException expected) {
                // the computing request reports it
            }
        });
        a.start();
        firstIsComputing.await();
        Thread b = new Thread(() -> {
            try {
                cache.getOrCompute(key("/bad.jpg"), "v", t -> {
                    computations.incrementAndGet();
                    throw new IllegalStateException("corrupt");
                });
            } catch (RuntimeException e) {
                waiterSaw.set(e);
            }
        });
        b.start();
        untilParkedOrDone(b);
        release.countDown();
        a.join();
        b.join();

        // b was parked on a's future (the only place it can wait), so it shares a's failure instead of computing.
        assertThat(computations).hasValue(1);
        assertThat(waiterSaw.get()).isInstanceOf(RewriteCache.SharedFailure.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(cache.lookup(key("/bad.jpg"))).isEmpty();
    }

    /** Spins until {@code thread} waits (parked on the in-flight computation) or has finished. */
    private static void untilParkedOrDone(Thread thread) {
        while (thread.getState() != Thread.State.WAITING && thread.isAlive()) {
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
