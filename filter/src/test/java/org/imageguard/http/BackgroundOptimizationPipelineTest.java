package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.imageguard.config.CacheSettings;
import org.imageguard.config.ConfigLoader;
import org.imageguard.config.DataSize;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.engine.RewriteResult;
import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.Images;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lossless optimisation off the request path: a miss serves the protected body at once, a job recompresses it
 * afterwards, and later requests get the smaller body with its own ETag. Jobs run when the test says so (a manual
 * executor), the cache ages by a fake ticker; the JPEG and the engine are real, the pixels read by ImageMagick.
 */
class BackgroundOptimizationPipelineTest {

    private static final Path JPEG_FILE = Path.of("/usr/share/go-1.19/src/image/testdata/video-001.q50.420.jpeg");
    private static final OriginResponse ORIGIN = OriginResponse.ok("image/jpeg").withEtag("\"v1\"");
    private static final Duration FRESH_FOR = Duration.ofSeconds(60);

    /** Queues jobs until {@link #runAll}; beyond {@code capacity} it rejects them, as a full queue does. */
    static final class ManualWorkers implements Executor {
        private final Deque<Runnable> jobs = new ArrayDeque<>();
        int capacity = 64;

        @Override
        public void execute(Runnable job) {
            if (jobs.size() >= capacity) {
                throw new RejectedExecutionException("queue full");
            }
            jobs.add(job);
        }

        int queued() {
            return jobs.size();
        }

        void runAll() {
            while (!jobs.isEmpty()) {
                jobs.poll().run();
            }
        }
    }

    private final FakeTicker ticker = new FakeTicker();
    private final ManualWorkers workers = new ManualWorkers();
    private final TransformLimiter limiter = new TransformLimiter(1);
    private final AtomicReference<Policy> policy = new AtomicReference<>(Policy.DEFAULTS);
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler collector = new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getLoggerName().equals(BackgroundOptimizer.class.getName())) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private byte[] original;

    @BeforeEach
    void setUp() throws Exception {
        original = Files.readAllBytes(ExternalTool.requirePath(JPEG_FILE));
        Logger.getLogger("").addHandler(collector);
    }

    @AfterEach
    void tearDown() {
        Logger.getLogger("").removeHandler(collector);
    }

    private ImageGuardPipeline pipeline(ImageRewriter rewriter) {
        return ImageGuardPipeline.builder()
                .rewriter(rewriter)
                .policies(path -> policy.get())
                .cache(new RewriteCache(new CacheSettings(DataSize.ofMegabytes(4), FRESH_FOR), ticker, Runnable::run))
                .limiter(limiter)
                .optimizerWorkers(workers)
                .build();
    }

    private HttpAnswer throughOrigin(ImageGuardPipeline pipeline, RequestFacts request, OriginResponse origin) {
        Step step = pipeline.begin(request);
        assertThat(step).as("%s goes to the origin", request).isInstanceOf(Step.Forward.class);
        try (Exchange exchange = ((Step.Forward) step).exchange()) {
            assertThat(exchange.decide(origin)).isEqualTo(RewriteDecision.BUFFER);
            return exchange.complete(original);
        }
    }

    private static HttpAnswer fromCache(ImageGuardPipeline pipeline, RequestFacts request) {
        Step step = pipeline.begin(request);
        assertThat(step).as("%s is answered from the cache", request).isInstanceOf(Step.Respond.class);
        return ((Step.Respond) step).answer();
    }

    private static RequestFacts get() {
        return RequestFacts.of("GET", "/video.jpg");
    }

    @Test
    void theFirstResponseIsProtectedAndALaterOneOptimizedWithTheSamePixelsAndANewEtag() {
        ImageGuardPipeline pipeline = pipeline(ImageRewriter.of(new ImageGuardEngine()));

        HttpAnswer miss = throughOrigin(pipeline, get(), ORIGIN);
        assertThat(miss.header("X-ImageGuard")).isEqualTo("miss;stage=protected");
        assertThat(workers.queued()).as("recompression waits for a worker, not the visitor").isEqualTo(1);
        assertThat(fromCache(pipeline, get()).header("X-ImageGuard")).isEqualTo("hit;stage=protected");
        assertThat(workers.queued()).as("one job per key").isEqualTo(1);

        workers.runAll();
        HttpAnswer hit = fromCache(pipeline, get());

        assertThat(hit.header("X-ImageGuard")).isEqualTo("hit;stage=optimized");
        assertThat(hit.sentBytes().length).isLessThan(miss.sentBytes().length);
        assertThat(hit.header("ETag")).startsWith("\"ig-").isNotEqualTo(miss.header("ETag"));
        assertThat(hit.header("Content-Length")).isEqualTo(Integer.toString(hit.sentBytes().length));
        assertThat(Images.rgba("jpeg", hit.sentBytes())).isEqualTo(Images.rgba("jpeg", miss.sentBytes()));
        assertThat(Images.exiftoolDataMining(hit.sentBytes())).isEqualTo(Images.exiftoolDataMining(miss.sentBytes()));
        OptimizerStats stats = pipeline.optimizerStats();
        assertThat(stats.runs()).isEqualTo(1);
        assertThat(stats.bytesSaved()).isEqualTo(miss.sentBytes().length - hit.sentBytes().length);
        assertThat(stats.queued()).isZero();
        assertThat(workers.queued()).as("an optimised entry is not queued again").isZero();
        assertThat(pipeline.inFlight().reserved()).as("the job's memory was given back").isZero();
    }

    @Test
    void aJobThatFindsTheQueueFullIsDroppedAndOfferedAgainByALaterHit() {
        ImageGuardPipeline pipeline = pipeline(ImageRewriter.of(new ImageGuardEngine()));
        workers.capacity = 0;

        assertThat(throughOrigin(pipeline, get(), ORIGIN).header("X-ImageGuard")).isEqualTo("miss;stage=protected");
        assertThat(pipeline.optimizerStats().dropped()).isEqualTo(1);
        workers.capacity = 64;
        assertThat(fromCache(pipeline, get()).header("X-ImageGuard")).isEqualTo("hit;stage=protected");
        assertThat(workers.queued()).as("the hit offered it again").isEqualTo(1);
        workers.runAll();

        assertThat(fromCache(pipeline, get()).header("X-ImageGuard")).isEqualTo("hit;stage=optimized");
    }

    @Test
    void aJobThatFindsTheInFlightBudgetSpentIsDroppedAndRetriedLater() {
        ImageGuardPipeline pipeline = ImageGuardPipeline.builder().rewriter(ImageRewriter.of(new ImageGuardEngine()))
                .policies(path -> policy.get())
                .cache(new RewriteCache(new CacheSettings(DataSize.ofMegabytes(4), FRESH_FOR), ticker, Runnable::run))
                .maxInFlight(64L << 10).optimizerWorkers(workers).build();
        throughOrigin(pipeline, get(), ORIGIN);
        assertThat(pipeline.inFlight().tryReserve(60L << 10)).as("a request holds most of the budget").isTrue();

        workers.runAll();
        assertThat(pipeline.optimizerStats().dropped()).isEqualTo(1);
        assertThat(pipeline.optimizerStats().runs()).isZero();
        assertThat(fromCache(pipeline, get()).header("X-ImageGuard")).isEqualTo("hit;stage=protected");
        pipeline.inFlight().release(60L << 10);
        workers.runAll();

        assertThat(fromCache(pipeline, get()).header("X-ImageGuard")).isEqualTo("hit;stage=optimized");
    }

    @Test
    void aJobThatFindsEveryTransformPermitTakenByAVisitorIsDroppedWithoutWaitingAndRetriedLater() {
        AtomicInteger optimizations = new AtomicInteger();
        ImageRewriter engine = ImageRewriter.of(new ImageGuardEngine());
        ImageGuardPipeline pipeline = pipeline(countingOptimizations(engine, optimizations, new ArrayList<>()));
        throughOrigin(pipeline, get(), ORIGIN);
        Policy resizing = ConfigLoader.load("optimize: { max-width: 100 }\n", "resize.yaml").policy();

        // A visitor's pixel transform holds the only permit while the worker picks the job up (same thread: the
        // manual executor runs it here, so a job that waited for the permit would never return).
        limiter.run(resizing, () -> {
            workers.runAll();
            return null;
        });

        assertThat(optimizations).as("no decode beyond transform-concurrency").hasValue(0);
        assertThat(pipeline.optimizerStats().dropped()).isEqualTo(1);
        assertThat(pipeline.inFlight().reserved()).as("nothing reserved for the dropped job").isZero();
        assertThat(fromCache(pipeline, get()).header("X-ImageGuard")).isEqualTo("hit;stage=protected");
        assertThat(workers.queued()).as("the hit offered it again").isEqualTo(1);
        workers.runAll();

        assertThat(optimizations).hasValue(1);
        assertThat(fromCache(pipeline, get()).header("X-ImageGuard")).isEqualTo("hit;stage=optimized");
    }

    @Test
    void aRunningJobHoldsATransformPermitAndGivesItBack() {
        List<Integer> freeWhileRunning = new ArrayList<>();
        ImageGuardPipeline pipeline = pipeline(countingOptimizations(ImageRewriter.of(new ImageGuardEngine()),
                new AtomicInteger(), freeWhileRunning));
        throughOrigin(pipeline, get(), ORIGIN);

        workers.runAll();

        assertThat(freeWhileRunning).as("permits left to visitors while the job decoded").containsExactly(0);
        assertThat(limiter.availablePermits()).isEqualTo(1);
        assertThat(fromCache(pipeline, get()).header("X-ImageGuard")).isEqualTo("hit;stage=optimized");
    }

    /** The engine, counting optimisations and noting the limiter's free permits during each. */
    private ImageRewriter countingOptimizations(ImageRewriter engine, AtomicInteger count, List<Integer> freePermits) {
        return optimizingWith(engine, (body, p) -> {
            count.incrementAndGet();
            freePermits.add(limiter.availablePermits());
            return engine.optimize(body, p);
        });
    }

    /** The engine's protection with a stand-in for its second stage. */
    private static ImageRewriter optimizingWith(ImageRewriter engine, BiFunction<byte[], Policy, RewriteResult> optimize) {
        return new ImageRewriter() {
            @Override
            public RewriteResult rewrite(byte[] body, Policy p) {
                return engine.rewrite(body, p);
            }

            @Override
            public RewriteResult optimize(byte[] protectedBody, Policy p) {
                return optimize.apply(protectedBody, p);
            }
        };
    }

    @Test
    void anOptimizerFailureKeepsTheProtectedBodyForGoodAndIsLoggedOnce() {
        AtomicInteger attempts = new AtomicInteger();
        ImageRewriter engine = ImageRewriter.of(new ImageGuardEngine());
        ImageGuardPipeline pipeline = pipeline(optimizingWith(engine, (body, p) -> {
            attempts.incrementAndGet();
            throw new ImageFormatException(ImageFormat.JPEG, 42, "bad Huffman code");
        }));
        HttpAnswer miss = throughOrigin(pipeline, get(), ORIGIN);

        workers.runAll();
        for (int i = 0; i < 3; i++) {
            HttpAnswer hit = fromCache(pipeline, get());
            assertThat(hit.header("X-ImageGuard")).isEqualTo("hit;stage=protected");
            assertThat(hit.header("ETag")).isEqualTo(miss.header("ETag"));
            assertThat(hit.sentBytes()).isEqualTo(miss.sentBytes());
            workers.runAll();
        }

        assertThat(attempts).as("final: never tried again").hasValue(1);
        assertThat(pipeline.optimizerStats().failures()).isEqualTo(1);
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).getMessage())
                .contains("/video.jpg").contains("bad Huffman code");
    }

    @Test
    void aFormatWithoutALosslessOptimizerIsMarkedFinalWithoutAJob() throws Exception {
        ImageGuardPipeline pipeline = pipeline(ImageRewriter.of(new ImageGuardEngine()));
        original = Files.readAllBytes(ExternalTool.requirePath(
                Path.of("/usr/share/go-1.19/src/image/testdata/video-001.gif")));
        RequestFacts gif = RequestFacts.of("GET", "/video.gif");

        HttpAnswer miss = throughOrigin(pipeline, gif, OriginResponse.ok("image/gif").withEtag("\"g1\""));
        HttpAnswer hit = fromCache(pipeline, gif);

        assertThat(miss.header("X-ImageGuard")).isEqualTo("miss;stage=protected");
        assertThat(hit.header("X-ImageGuard")).isEqualTo("hit;stage=protected");
        assertThat(hit.header("ETag")).isEqualTo(miss.header("ETag"));
        assertThat(workers.queued()).as("no job queued for a GIF").isZero();
        assertThat(pipeline.optimizerStats()).isEqualTo(new OptimizerStats(0, 0, 0, 0, 0, 0));
        RewriteCache.Key key = new RewriteCache.Key(gif.host(), gif.url(),
                pipeline.policyFor(gif.path()).fingerprint(), Variant.ORIGINAL);
        assertThat(pipeline.cache().lookup(key).orElseThrow().stage()).isEqualTo(Stage.PROTECTED_FINAL);
    }

    @Test
    void optimizeModeNoneQueuesNothing() {
        policy.set(ConfigLoader.load("optimize: { mode: none }\n", "none.yaml").policy());
        ImageGuardPipeline pipeline = pipeline(ImageRewriter.of(new ImageGuardEngine()));

        assertThat(throughOrigin(pipeline, get(), ORIGIN).header("X-ImageGuard")).isEqualTo("miss;stage=protected");
        assertThat(fromCache(pipeline, get()).header("X-ImageGuard")).isEqualTo("hit;stage=protected");

        assertThat(workers.queued()).isZero();
        assertThat(pipeline.optimizerStats()).isEqualTo(new OptimizerStats(0, 0, 0, 0, 0, 0));
    }

    @Test
    void aClientHoldingTheProtectedEtagGetsTheOptimizedBodyWith200() {
        ImageGuardPipeline pipeline = pipeline(ImageRewriter.of(new ImageGuardEngine()));
        HttpAnswer miss = throughOrigin(pipeline, get(), ORIGIN);
        assertThat(fromCache(pipeline, get().withHeader("If-None-Match", miss.header("ETag"))).status())
                .as("before the job: still the same body").isEqualTo(304);
        workers.runAll();

        HttpAnswer renewed = fromCache(pipeline, get().withHeader("If-None-Match", miss.header("ETag")));

        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.header("X-ImageGuard")).isEqualTo("hit;stage=optimized");
        assertThat(renewed.sentBytes().length).isLessThan(miss.sentBytes().length);
        assertThat(fromCache(pipeline, get().withHeader("If-None-Match", renewed.header("ETag"))).status())
                .as("the new tag matches").isEqualTo(304);
    }

    @Test
    void aRevalidationKeepsTheOptimizedEntryAndANewOriginalStartsOverProtected() {
        ImageGuardPipeline pipeline = pipeline(ImageRewriter.of(new ImageGuardEngine()));
        HttpAnswer miss = throughOrigin(pipeline, get(), ORIGIN);
        workers.runAll();
        String optimizedTag = fromCache(pipeline, get()).header("ETag");

        ticker.advance(FRESH_FOR.plusSeconds(1));
        Exchange revalidation = ((Step.Forward) pipeline.begin(get())).exchange();
        assertThat(revalidation.addedRequestHeaders()).isEqualTo(Map.of("If-None-Match", "\"v1\""));
        assertThat(revalidation.decide(OriginResponse.ok("").withStatus(304))).isEqualTo(RewriteDecision.REVALIDATED);
        HttpAnswer revalidated = revalidation.revalidated();
        assertThat(revalidated.header("X-ImageGuard")).isEqualTo("hit;stage=optimized");
        assertThat(revalidated.header("ETag")).isEqualTo(optimizedTag);
        assertThat(fromCache(pipeline, get()).header("X-ImageGuard")).as("fresh again").isEqualTo("hit;stage=optimized");
        assertThat(workers.queued()).isZero();

        ticker.advance(FRESH_FOR.plusSeconds(1));
        HttpAnswer changed = throughOrigin(pipeline, get(), ORIGIN.withEtag("\"v2\""));

        assertThat(changed.header("X-ImageGuard")).isEqualTo("miss;stage=protected");
        assertThat(changed.header("ETag")).isNotIn(miss.header("ETag"), optimizedTag);
        assertThat(workers.queued()).isEqualTo(1);
        workers.runAll();
        assertThat(fromCache(pipeline, get()).header("X-ImageGuard")).isEqualTo("hit;stage=optimized");
    }

    @Test
    void aJobForAnEntryReplacedMeanwhileStoresNothingAndTheNewEntryGetsItsOwn() {
        ImageGuardPipeline pipeline = pipeline(ImageRewriter.of(new ImageGuardEngine()));
        throughOrigin(pipeline, get(), ORIGIN);
        ticker.advance(FRESH_FOR.plusSeconds(1));
        HttpAnswer v2 = throughOrigin(pipeline, get(), ORIGIN.withEtag("\"v2\""));

        workers.runAll(); // the job made from v1's entry
        assertThat(fromCache(pipeline, get()).header("ETag")).as("v1's result never replaces v2's entry")
                .isEqualTo(v2.header("ETag"));
        workers.runAll();

        HttpAnswer hit = fromCache(pipeline, get());
        assertThat(hit.header("X-ImageGuard")).isEqualTo("hit;stage=optimized");
        assertThat(hit.header("ETag")).isEqualTo(EntityTags.derive("etag:\"v2\"",
                pipeline.policyFor("/video.jpg").fingerprint(), Variant.ORIGINAL, Stage.OPTIMIZED));
    }
}
