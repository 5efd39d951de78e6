package org.imageguard.http;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import org.imageguard.config.CacheSettings;
import org.imageguard.config.CompiledPaths;
import org.imageguard.config.MemoryBudget;
import org.imageguard.config.Policy;
import org.imageguard.config.PolicyFingerprint;
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
 * Built from a configuration file, with one {@link CompiledPolicy} per {@code paths:} rule (hotlink and crawler
 * rules included) and robots.txt, by {@code org.imageguard.policy.ImageGuardSite.of(config, rewriter)}. Each request
 * resolves its path once; the compiled policy goes to the access checks, the {@link Exchange} and the rewriter.
 */
public final class ImageGuardPipeline implements AutoCloseable {

    /**
     * How long a request waits for room in the in-flight budget under {@code limits.on-busy: wait} before it gets
     * 503: long enough for a burst of large images to drain through a small heap, short enough for a client.
     */
    public static final Duration DEFAULT_BUSY_PATIENCE = Duration.ofSeconds(10);

    /** The compiled policy of a request path: resolved once per request, compiled once per configured rule. */
    private final Function<String, CompiledPolicy> policies;
    private final String policiesShown;
    private final ImageRewriter rewriter;
    private final Map<String, SiteFile> siteFiles;
    private final RewriteCache cache;
    private final TransformLimiter limiter;
    private final InFlightBudget inFlight;
    private final Duration busyPatience;
    private final RewriteFailures failures;
    /** Per-request notices other than failures (too large), one line per URL and minute like them. */
    private final LogThrottle notices;
    private final LongAdder tooLarge = new LongAdder();
    private final Map<ImageFormat, LongAdder> unsupported = new ConcurrentHashMap<>();
    private final BackgroundOptimizer optimizer;

    private ImageGuardPipeline(Builder builder) {
        this.policies = builder.paths != null ? builder.paths::resolve
                : compiledOncePerInstance(builder.policies, builder.access);
        this.policiesShown = builder.paths != null ? builder.paths.toString() : "per request path";
        this.rewriter = Objects.requireNonNull(builder.rewriter, "rewriter");
        Policy top = policies.apply("/").policy();
        this.siteFiles = Map.copyOf(builder.siteFiles);
        this.cache = builder.cache != null ? builder.cache : new RewriteCache(builder.cacheSettings);
        this.failures = new RewriteFailures(cache.ticker());
        this.notices = new LogThrottle(cache.ticker(), RewriteFailures.LOG_INTERVAL, RewriteFailures.MAX_TRACKED);
        this.limiter = builder.limiter != null ? builder.limiter
                : new TransformLimiter(top.limits().effectiveTransformConcurrency());
        this.inFlight = builder.inFlight != null ? builder.inFlight
                : InFlightBudget.of(MemoryBudget.of(builder.cacheSettings,
                        top.limits().maxImageSize().bytes(), Runtime.getRuntime().maxMemory()));
        this.busyPatience = builder.busyPatience;
        this.optimizer = new BackgroundOptimizer(cache, rewriter, limiter, inFlight, notices,
                builder.optimizerWorkers != null ? builder.optimizerWorkers
                        : BackgroundOptimizer.workers(top.limits().effectiveTransformConcurrency()));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The first look at a request: refused by the access policy (before the cache, so a hotlinker never gets a cached
     * image), one of our {@link SiteFile}s, answered from a fresh cache entry, or forwarded to the origin.
     */
    public Step begin(RequestFacts request) {
        CompiledPolicy policy = policies.apply(request.path());
        Optional<Denial> denial = policy.access().check(request);
        if (denial.isPresent()) {
            return new Step.Respond(Responder.denied(denial.get(), request.isHead()));
        }
        if (!request.isGetOrHead()) {
            return new Step.PassThrough();
        }
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
            Optional<Denial> imageDenial = policy.access().checkImage(request);
            if (imageDenial.isPresent()) {
                return new Step.Respond(Responder.denied(imageDenial.get(), request.isHead()));
            }
            cache.recordHit();
            optimizeLater(key, cached.get(), policy);
            return new Step.Respond(Responder.stored(request, cached.get(), policy, false));
        }
        return new Step.Forward(Exchange.forImage(this, request, policy, key, cached.orElse(null)));
    }

    /**
     * Ours alone, or the origin's file first: asked without the client's conditionals and as GET for a HEAD, since
     * our body is built from its whole body.
     */
    private Step siteFileStep(SiteFile file, RequestFacts request, CompiledPolicy policy) {
        if (!file.asksOrigin()) {
            return new Step.Respond(Responder.siteFile(file.content(null, null), request));
        }
        return new Step.Forward(Exchange.forSiteFile(this, request, policy, file));
    }

    /** The compiled policy in force for a path. */
    CompiledPolicy policyFor(String path) {
        return policies.apply(path);
    }

    /**
     * For {@link Builder#policies}: each {@link Policy} instance the function hands out is compiled once, recognised
     * by identity (one comparison, where a map would hash the whole record tree per request).
     */
    private static Function<String, CompiledPolicy> compiledOncePerInstance(Function<String, Policy> policies,
                                                                           AccessPolicy access) {
        AtomicReference<CompiledPolicy> last = new AtomicReference<>();
        return path -> {
            Policy policy = policies.apply(path);
            CompiledPolicy seen = last.get();
            if (seen != null && seen.policy() == policy) {
                return seen;
            }
            CompiledPolicy compiled = CompiledPolicy.of(policy, PolicyFingerprint.of(policy), access);
            last.set(compiled);
            return compiled;
        };
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
    void optimizeLater(RewriteCache.Key key, RewriteCache.Entry entry, CompiledPolicy policy) {
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

    @Override
    public String toString() {
        return "ImageGuardPipeline[cache=" + cache + ", limiter=" + limiter + ", inFlight=" + inFlight
                + ", siteFiles=" + siteFiles.keySet() + ", policies=" + policiesShown + "]";
    }

    /** Assembles a pipeline; only the rewriter is required. */
    public static final class Builder {
        private CompiledPaths<CompiledPolicy> paths;
        private Function<String, Policy> policies = path -> Policy.DEFAULTS;
        private ImageRewriter rewriter;
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

        /**
         * The compiled policy of each configured rule ({@code PathResolver.compile}); overrides {@link #policies}
         * and {@link #access}.
         */
        public Builder paths(CompiledPaths<CompiledPolicy> value) {
            this.paths = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The effective policy for a request path, for embedders and tests without a configuration file: each
         * {@link Policy} instance is compiled once, with {@link #access}'s rules.
         */
        public Builder policies(Function<String, Policy> value) {
            this.policies = Objects.requireNonNull(value);
            return this;
        }

        /** The request rules of every policy {@link #policies} hands out. */
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
