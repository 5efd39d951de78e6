package org.imageguard.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import org.imageguard.config.CacheSettings;
import org.imageguard.config.MemoryBudget;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageFormat;

/**
 * The HTTP behaviour of docs/http.md, independent of any server API: the servlet filter and the Jetty proxy are thin
 * adapters that turn their requests into {@link RequestFacts}, follow the {@link Step} and copy {@link HttpAnswer}s
 * out. Thread-safe; one per application. A miss serves the protected body; lossless recompression runs afterwards on
 * a {@link BackgroundOptimizer} and replaces the cached body when smaller ({@link Stage}); {@link #close()} stops its
 * workers.
 *
 * <pre>{@code
 * ImageGuardPipeline pipeline = ImageGuardPipeline.builder()
 *         .rewriter(ImageRewriter.of(new ImageGuardEngine()))
 *         .policies(path -> Policy.DEFAULTS)
 *         .cache(CacheSettings.DEFAULTS)
 *         .build();
 * Step step = pipeline.begin(facts);
 * }</pre>
 *
 * Built from a configuration file, with hotlink and crawler policies and robots.txt, by
 * {@code org.imageguard.policy.ImageGuardSite.of(config, rewriter)}.
 */
public final class ImageGuardPipeline implements AutoCloseable {

    /**
     * How long a request waits for room in the in-flight budget under {@code limits.on-busy: wait} before it gets
     * 503: long enough for a burst of large images to drain through a small heap, short enough for a client.
     */
    public static final Duration DEFAULT_BUSY_PATIENCE = Duration.ofSeconds(10);

    private final Function<String, Policy> policies;
    private final ImageRewriter rewriter;
    private final PolicyFingerprinter fingerprinter;
    private final AccessPolicy access;
    private final Map<String, SiteFile> siteFiles;
    private final RewriteCache cache;
    private final TransformLimiter limiter;
    private final InFlightBudget inFlight;
    private final Duration busyPatience;
    private final RewriteFailures failures;
    /** Per-request notices other than failures (too large), one line per URL and minute like them. */
    private final LogThrottle notices;
    private final Map<Policy, PolicyHeaders> perPolicy = new ConcurrentHashMap<>();
    private final LongAdder tooLarge = new LongAdder();
    private final Map<ImageFormat, LongAdder> unsupported = new ConcurrentHashMap<>();
    private final BackgroundOptimizer optimizer;

    private ImageGuardPipeline(Builder builder) {
        this.policies = builder.policies;
        this.rewriter = Objects.requireNonNull(builder.rewriter, "rewriter");
        this.fingerprinter = builder.fingerprinter;
        this.access = builder.access;
        this.siteFiles = Map.copyOf(builder.siteFiles);
        this.cache = builder.cache != null ? builder.cache : new RewriteCache(builder.cacheSettings);
        this.failures = new RewriteFailures(cache.ticker());
        this.notices = new LogThrottle(cache.ticker(), RewriteFailures.LOG_INTERVAL, RewriteFailures.MAX_TRACKED);
        this.limiter = builder.limiter != null ? builder.limiter
                : new TransformLimiter(policies.apply("/").limits().effectiveTransformConcurrency());
        this.inFlight = builder.inFlight != null ? builder.inFlight
                : InFlightBudget.of(MemoryBudget.of(builder.cacheSettings,
                        policies.apply("/").limits().maxImageSize().bytes(), Runtime.getRuntime().maxMemory()));
        this.busyPatience = builder.busyPatience;
        this.optimizer = new BackgroundOptimizer(cache, rewriter, limiter, inFlight, notices,
                builder.optimizerWorkers != null ? builder.optimizerWorkers
                        : BackgroundOptimizer.workers(policies.apply("/").limits().effectiveTransformConcurrency()));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The first look at a request: refused by the access policy (before the cache, so a hotlinker never gets a cached
     * image), one of our {@link SiteFile}s, answered from a fresh cache entry, or forwarded to the origin.
     */
    public Step begin(RequestFacts request) {
        Optional<Denial> denial = access.check(request);
        if (denial.isPresent()) {
            return new Step.Respond(denied(denial.get(), request.isHead()));
        }
        if (!request.isGetOrHead()) {
            return new Step.PassThrough();
        }
        PolicyHeaders policy = policyFor(request.path());
        SiteFile file = siteFiles.get(request.path());
        if (file != null) {
            return siteFileStep(file, request, policy);
        }
        Variant variant = policy.variant(request);
        RewriteCache.Key key = new RewriteCache.Key(request.host(), request.url(), policy.fingerprint(), variant);
        // A request with credentials is the origin's to answer: no stored body reaches it unasked.
        Optional<RewriteCache.Entry> cached = CacheRules.mayServeStored(request) ? cache.lookup(key)
                : Optional.empty();
        if (cached.isPresent() && cache.isFresh(cached.get()) && !CacheRules.clientWantsValidation(request)) {
            Optional<Denial> imageDenial = access.checkImage(request);
            if (imageDenial.isPresent()) {
                return new Step.Respond(denied(imageDenial.get(), request.isHead()));
            }
            cache.recordHit();
            optimizeLater(key, cached.get(), policy);
            return new Step.Respond(answer(request, cached.get(), policy, false));
        }
        boolean takeOver = cached.isPresent() || ImagePaths.likelyImage(request.path());
        return new Step.Forward(new Exchange(this, request, policy, key, variant, cached.orElse(null), takeOver,
                null));
    }

    /**
     * Ours alone, or the origin's file first: asked without the client's conditionals and as GET for a HEAD, since
     * our body is built from its whole body.
     */
    private Step siteFileStep(SiteFile file, RequestFacts request, PolicyHeaders policy) {
        if (!file.asksOrigin()) {
            return new Step.Respond(siteFileAnswer(file.content(null, null), request));
        }
        return new Step.Forward(new Exchange(this, request, policy, null, Variant.ORIGINAL, null, true, file));
    }

    /** The precomputed headers and fingerprint of the policy for a path. */
    PolicyHeaders policyFor(String path) {
        Policy policy = policies.apply(path);
        return perPolicy.computeIfAbsent(policy, p -> PolicyHeaders.of(p, fingerprinter));
    }

    public CacheStats cacheStats() {
        return cache.stats();
    }

    /** The background optimizer's queue, drops, run time and savings. */
    public OptimizerStats optimizerStats() {
        return optimizer.stats();
    }

    /**
     * Stops the background optimizer's workers. Requests may still be served afterwards (a reload replaced this
     * pipeline while some were in flight); they are just not optimised any more.
     */
    @Override
    public void close() {
        optimizer.close();
    }

    /** A stored entry was served: if it is still only protected, recompress it in the background. */
    void optimizeLater(RewriteCache.Key key, RewriteCache.Entry entry, PolicyHeaders policy) {
        optimizer.offer(key, entry, policy.policy());
    }

    public RewriteFailures failures() {
        return failures;
    }

    /** Bodies that grew past {@code max-image-size} and streamed through untouched. */
    public long tooLargeCount() {
        return tooLarge.sum();
    }

    /** Candidates that found the in-flight budget spent: answered 503, or streamed with {@code reason=busy}. */
    public long busyCount() {
        return inFlight.refusedCount();
    }

    /** The bytes buffered bodies may hold at once, shared by every request of this pipeline. */
    public InFlightBudget inFlight() {
        return inFlight;
    }

    /** How long {@code limits.on-busy: wait} waits for room in the in-flight budget before answering 503. */
    Duration busyPatience() {
        return busyPatience;
    }

    AccessPolicy access() {
        return access;
    }

    RewriteCache cache() {
        return cache;
    }

    ImageRewriter rewriter() {
        return rewriter;
    }

    TransformLimiter limiter() {
        return limiter;
    }

    LogThrottle notices() {
        return notices;
    }

    void countTooLarge() {
        tooLarge.increment();
    }

    void countUnsupported(ImageFormat format) {
        unsupported.computeIfAbsent(format, f -> new LongAdder()).increment();
    }

    /** Images in a format ImageGuard cannot protect (sent with signals, or refused), by format, sorted. */
    public Map<ImageFormat, Long> unsupportedByFormat() {
        Map<ImageFormat, Long> counts = new TreeMap<>();
        unsupported.forEach((format, count) -> counts.put(format, count.sum()));
        return counts;
    }

    /** A rewrite served: its stored bytes and validators, and the headers of the policy in force now. */
    static HttpAnswer answer(RequestFacts request, RewriteCache.Entry entry, PolicyHeaders policy, boolean computed) {
        return Responder.answer(request, entry.representation(),
                policy.imageHeaders(entry.originCacheControl(), entry.originVary()), outcome(entry, computed));
    }

    /**
     * {@code hit} or {@code miss} with the stage of the body ({@code miss;stage=protected},
     * {@code hit;stage=optimized}), or the engine's reason for leaving the image as it was.
     */
    static String outcome(RewriteCache.Entry entry, boolean computed) {
        if (!entry.report().rewritten()) {
            return "bypass;reason=" + entry.report().outcome();
        }
        return (computed ? "miss" : "hit") + ";stage=" + entry.stage().label();
    }

    /**
     * A refusal: never stored, by us or anyone ({@code private, no-store}), labelled with its reason, and stripped of
     * any validator or signal the origin may already have set.
     */
    static HttpAnswer denied(Denial denial, boolean head) {
        List<Header> headers = new ArrayList<>(denial.headers());
        headers.add(new Header("Cache-Control", "private, no-store"));
        headers.add(new Header(Responder.X_IMAGEGUARD, "bypass;reason=" + denial.reason()));
        headers.add(new Header("Content-Length", Integer.toString(denial.body().length)));
        return new HttpAnswer(denial.status(), headers, List.of("ETag", "Last-Modified", "Content-Encoding",
                "Content-Range", "Vary"), denial.body(), 0, denial.body().length, !head);
    }

    /** One of our site files, with status 200; not cached by us (it is built per request from the origin's). */
    static HttpAnswer siteFileAnswer(SiteFile.Content content, RequestFacts request) {
        return HttpAnswer.whole(200, content.contentType(), content.body(), List.of(), request.isHead());
    }

    @Override
    public String toString() {
        return "ImageGuardPipeline[cache=" + cache + ", limiter=" + limiter + ", inFlight=" + inFlight
                + ", access=" + access
                + ", siteFiles=" + siteFiles.keySet() + "]";
    }

    /** Assembles a pipeline; only the rewriter is required. */
    public static final class Builder {
        private Function<String, Policy> policies = path -> Policy.DEFAULTS;
        private ImageRewriter rewriter;
        private PolicyFingerprinter fingerprinter = PolicyFingerprinter.DEFAULT;
        private AccessPolicy access = AccessPolicy.ALLOW_ALL;
        private Map<String, SiteFile> siteFiles = Map.of();
        private CacheSettings cacheSettings = CacheSettings.DEFAULTS;
        private RewriteCache cache;
        private TransformLimiter limiter;
        private InFlightBudget inFlight;
        private Duration busyPatience = DEFAULT_BUSY_PATIENCE;
        private Executor optimizerWorkers;

        private Builder() {
        }

        public Builder rewriter(ImageRewriter value) {
            this.rewriter = value;
            return this;
        }

        /** The effective policy for a request path (per-path overrides resolved). */
        public Builder policies(Function<String, Policy> value) {
            this.policies = Objects.requireNonNull(value);
            return this;
        }

        public Builder fingerprinter(PolicyFingerprinter value) {
            this.fingerprinter = Objects.requireNonNull(value);
            return this;
        }

        public Builder access(AccessPolicy value) {
            this.access = Objects.requireNonNull(value);
            return this;
        }

        /** Files ImageGuard answers itself, by exact request path ({@code /robots.txt}, ...). */
        public Builder siteFiles(Map<String, SiteFile> value) {
            this.siteFiles = Map.copyOf(value);
            return this;
        }

        public Builder cache(CacheSettings value) {
            this.cacheSettings = Objects.requireNonNull(value);
            return this;
        }

        /** A ready cache, e.g. one with a fake ticker; overrides {@link #cache(CacheSettings)}. */
        public Builder cache(RewriteCache value) {
            this.cache = Objects.requireNonNull(value);
            return this;
        }

        public Builder limiter(TransformLimiter value) {
            this.limiter = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The byte budget for bodies buffered at once; by default a quarter of the maximum heap, at least one
         * {@code max-image-size} twice over. Candidates beyond it wait, get 503 or stream ({@code limits.on-busy}).
         */
        public Builder inFlight(InFlightBudget value) {
            this.inFlight = Objects.requireNonNull(value);
            return this;
        }

        /** How long {@code on-busy: wait} waits for room; {@link #DEFAULT_BUSY_PATIENCE} unless set. */
        public Builder busyPatience(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("busy patience cannot be negative, got " + value);
            }
            this.busyPatience = value;
            return this;
        }

        /**
         * What runs background optimisation jobs; by default {@code limits.transform-concurrency} daemon threads
         * behind a bounded queue. Tests pass a same-thread or manual executor; one that throws
         * {@link java.util.concurrent.RejectedExecutionException} stands for a full queue.
         */
        public Builder optimizerWorkers(Executor value) {
            this.optimizerWorkers = Objects.requireNonNull(value);
            return this;
        }

        /** Shorthand for {@link #inFlight(InFlightBudget)} with a fresh budget of {@code bytes}. */
        public Builder maxInFlight(long bytes) {
            return inFlight(new InFlightBudget(bytes));
        }

        public ImageGuardPipeline build() {
            return new ImageGuardPipeline(this);
        }
    }
}
