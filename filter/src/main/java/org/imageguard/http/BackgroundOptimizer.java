package org.imageguard.http;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Ticker;

import org.imageguard.config.OptimizeMode;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.RewriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lossless recompression off the request path. A miss stores and serves the protected body at once; this class then
 * recompresses it on a few daemon workers and, when the result is smaller, replaces the cache entry with an
 * {@link Stage#OPTIMIZED} one (new ETag), so later requests get the smaller body. A visitor never waits for it.
 *
 * <p>Bounded four ways: {@code limits.transform-concurrency} workers, a queue of {@link #QUEUE_CAPACITY} jobs (a job
 * that does not fit is dropped and counted), a permit of the pipeline's {@link TransformLimiter} (shared with the
 * requests' pixel transforms, so both together never decode more images at once than it has permits), and the
 * pipeline's {@link InFlightBudget}, from which each job reserves {@link #COST_PER_BYTE} times its body. Permit and
 * memory are only taken when free at that moment: a job never waits for them, so it never holds a place in line
 * ahead of a visitor. A job that finds either taken is dropped, and simply offered again by the next request that is
 * served the still-protected entry. One job per key at a time.
 *
 * <pre>{@code
 * BackgroundOptimizer optimizer = new BackgroundOptimizer(cache, rewriter, limiter, budget, notices, workers);
 * optimizer.offer(key, entry, policy);   // after serving a PROTECTED entry from the cache
 * optimizer.close();                     // stops the workers
 * }</pre>
 */
final class BackgroundOptimizer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundOptimizer.class);

    /** Jobs waiting for a worker; beyond them a job is dropped and offered again later. */
    static final int QUEUE_CAPACITY = 64;
    /**
     * Memory a job reserves per body byte: a JPEG's coefficients take about 2 bytes per sample, more than the
     * compressed body, plus the output.
     */
    static final int COST_PER_BYTE = 4;

    private final RewriteCache cache;
    private final ImageRewriter rewriter;
    private final TransformLimiter limiter;
    private final InFlightBudget budget;
    private final LogThrottle notices;
    private final Executor workers;
    private final Ticker ticker;
    private final Set<RewriteCache.Key> pending = ConcurrentHashMap.newKeySet();
    private final AtomicInteger queued = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder runs = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final LongAdder saved = new LongAdder();
    private final LongAdder failures = new LongAdder();

    /** @param workers runs the jobs: {@link #workers(int)} in production, a same-thread or manual one in tests */
    BackgroundOptimizer(RewriteCache cache, ImageRewriter rewriter, TransformLimiter limiter, InFlightBudget budget,
                        LogThrottle notices, Executor workers) {
        this.cache = cache;
        this.rewriter = rewriter;
        this.limiter = limiter;
        this.budget = budget;
        this.notices = notices;
        this.workers = workers;
        this.ticker = cache.ticker();
    }

    /**
     * {@code threads} daemon workers named {@code imageguard-optimizer-N}, started on the first job and stopped
     * after a minute idle, so a pipeline nobody closes holds no thread for long.
     */
    static ExecutorService workers(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), job -> {
                    Thread thread = new Thread(job, "imageguard-optimizer-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Queues the recompression of a stored entry unless it is past that stage, its policy says
     * {@code optimize.mode: none}, or a job for the key is already pending. An entry in a format the rewriter has no
     * optimizer for is marked final at once instead: no job, no queue slot, no memory. Never blocks.
     */
    void offer(RewriteCache.Key key, RewriteCache.Entry entry, Policy policy) {
        if (!entry.stage().optimizable() || policy.optimize().mode() == OptimizeMode.NONE) {
            return;
        }
        if (!rewriter.optimizes(entry.representation().format())) {
            markFinal(key, entry);
            return;
        }
        if (!pending.add(key)) {
            return;
        }
        queued.incrementAndGet();
        try {
            workers.execute(() -> {
                queued.decrementAndGet();
                try {
                    // Dropped rather than kept waiting for a permit: a waiting job would either block its worker
                    // (and the queue behind it) or have to be re-queued in a loop; the entry still being protected,
                    // the next request for it offers the job again, by which time a permit is likely free.
                    if (!limiter.tryRun(() -> run(key, entry, policy))) {
                        dropped.increment();
                    }
                } finally {
                    pending.remove(key);
                }
            });
        } catch (RejectedExecutionException e) {
            // Queue full, or closed: a later request offers it again.
            queued.decrementAndGet();
            pending.remove(key);
            dropped.increment();
        }
    }

    private void run(RewriteCache.Key key, RewriteCache.Entry entry, Policy policy) {
        byte[] body = entry.representation().body();
        long cost = Math.min((long) body.length * COST_PER_BYTE, budget.capacity());
        if (!budget.tryReserveForBackground(cost)) {
            dropped.increment(); // requests come first; a later one offers it again
            return;
        }
        try {
            long start = ticker.read();
            RewriteResult result;
            try {
                result = rewriter.optimize(body, policy);
            } catch (OutOfMemoryError e) {
                // Nothing said about the image: give the memory back (finally) and let a later request retry.
                LOG.warn("{}: out of memory during lossless optimisation; the protected body is served", key.url());
                return;
            } catch (RuntimeException e) {
                failures.increment();
                log(key, body, e);
                markFinal(key, entry);
                return;
            } finally {
                runs.increment();
                nanos.add(ticker.read() - start);
            }
            store(key, entry, body, result);
        } finally {
            budget.release(cost);
        }
    }

    private void store(RewriteCache.Key key, RewriteCache.Entry entry, byte[] body, RewriteResult result) {
        byte[] smaller = result == null ? body : result.bytes();
        if (smaller.length >= body.length) {
            markFinal(key, entry);
            return;
        }
        if (cache.advance(key, entry, current -> current.at(Stage.OPTIMIZED, optimized(key, current, smaller)))) {
            saved.add(body.length - smaller.length);
        }
    }

    /** The protected body stays: same bytes, same ETag, never offered again. */
    private void markFinal(RewriteCache.Key key, RewriteCache.Entry entry) {
        cache.advance(key, entry, current -> current.at(Stage.PROTECTED_FINAL, current.representation()));
    }

    /** The protected representation's headers with the new body and its own ETag. */
    private static Representation optimized(RewriteCache.Key key, RewriteCache.Entry entry, byte[] body) {
        String etag = EntityTags.derive(entry.originValidator(), key.fingerprint(), key.variant(), Stage.OPTIMIZED);
        List<Header> headers = entry.representation().headers().stream()
                .map(h -> h.name().equalsIgnoreCase("ETag") ? new Header(h.name(), etag) : h)
                .toList();
        return new Representation(body, etag, entry.representation().lastModified(), headers);
    }

    private void log(RewriteCache.Key key, byte[] body, RuntimeException e) {
        long left = notices.admit(key.url() + " optimize");
        if (left >= 0) {
            LOG.warn("{}: lossless optimisation of {} failed, the protected body is served: {}{}", key.url(),
                    ImageFormat.sniff(body), e.getMessage(), notices.leftOut(left));
        }
    }

    OptimizerStats stats() {
        return new OptimizerStats(queued.get(), dropped.sum(), runs.sum(), nanos.sum(), saved.sum(),
                failures.sum());
    }

    /** Stops the workers (interrupting a running job); jobs offered afterwards are dropped. */
    @Override
    public void close() {
        if (workers instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }
}
