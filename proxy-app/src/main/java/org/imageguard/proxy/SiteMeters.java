package org.imageguard.proxy;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.imageguard.engine.ImageFormat;
import org.imageguard.http.CacheStats;
import org.imageguard.http.OptimizerStats;
import org.imageguard.http.RewriteFailures;

/**
 * The meters the pipeline counts itself, read when Prometheus scrapes: cache hits, misses, evictions and size (of
 * the cache in force), and, summed over every site built since start-up so that a reload never sets a counter back,
 * crawler blocks by agent, rewrite errors by format and reason, images too large to rewrite, and the background
 * optimizer's queue, run time, savings and drops.
 *
 * <pre>{@code
 * SiteMeters.bind(configs, metrics);   // once; metrics.scrape() then includes them
 * }</pre>
 */
final class SiteMeters {

    private final ConfigReloader sites;
    private final MeterRegistry registry;

    private SiteMeters(ConfigReloader sites, MeterRegistry registry) {
        this.sites = sites;
        this.registry = registry;
    }

    static void bind(ConfigReloader sites, ProxyMetrics metrics) {
        SiteMeters meters = new SiteMeters(sites, metrics.registry());
        meters.registerFixed();
        metrics.beforeScrape(meters::registerLabelled);
    }

    private void registerFixed() {
        cacheCounter("imageguard.cache.hits", "Responses served from the cache", CacheStats::hits);
        cacheCounter("imageguard.cache.misses", "Images rewritten for the cache", CacheStats::misses);
        cacheCounter("imageguard.cache.evictions", "Entries dropped to stay within cache.max-size",
                CacheStats::evictions);
        Gauge.builder("imageguard.cache.size", this, m -> m.cache().sizeBytes()).baseUnit("bytes")
                .description("Bytes held by the cache").register(registry);
        FunctionCounter.builder("imageguard.too.large", this,
                        m -> m.sites.counts().tooLarge())
                .description("Images larger than max-image-size, streamed through untouched").register(registry);
        // One budget serves every site (ConfigReloader shares it), so it is read from the site in force, not summed.
        FunctionCounter.builder("imageguard.busy", this, m -> m.sites.site().pipeline().inFlight().refusedCount())
                .description("Image candidates streamed through untouched because the in-flight budget was spent")
                .register(registry);
        registerOptimizer();
        Gauge.builder("imageguard.in.flight", this, m -> m.sites.site().pipeline().inFlight().reserved())
                .baseUnit("bytes").description("Bytes reserved by bodies being buffered right now")
                .register(registry);
    }

    /** The background optimizer's, summed over every site: a replaced one's counts stay, its queue is empty. */
    private void registerOptimizer() {
        Gauge.builder("imageguard.optimize.queue", this, m -> m.optimizer().queued())
                .description("Lossless optimisation jobs waiting for a worker").register(registry);
        FunctionTimer.builder("imageguard.optimize", this, m -> m.optimizer().runs(),
                        m -> m.optimizer().nanos(), TimeUnit.NANOSECONDS)
                .description("Lossless optimisations run in the background, and their time").register(registry);
        FunctionCounter.builder("imageguard.optimize.saved", this,
                        m -> m.optimizer().bytesSaved())
                .baseUnit("bytes").description("Bytes lossless optimisation took off protected bodies")
                .register(registry);
        FunctionCounter.builder("imageguard.optimize.dropped", this,
                        m -> m.optimizer().dropped())
                .description("Optimisation jobs dropped (queue full or memory short), retried on a later request")
                .register(registry);
    }

    private void cacheCounter(String name, String description, ToLongFunction<CacheStats> value) {
        FunctionCounter.builder(name, this, m -> value.applyAsLong(m.cache())).description(description)
                .register(registry);
    }

    /** Registering is idempotent: only labels not seen before add a meter. */
    private void registerLabelled() {
        SiteCounts counts = sites.counts();
        Set<String> agents = new TreeSet<>(counts.crawlerBlocks().keySet());
        Set<RewriteFailures.Kind> kinds = new TreeSet<>(counts.rewriteErrors().keySet());
        Set<ImageFormat> unsupported = new TreeSet<>(counts.unsupported().keySet());
        unsupported.forEach(format -> FunctionCounter.builder("imageguard.unsupported", this,
                        m -> m.sites.counts().unsupported().getOrDefault(format, 0L))
                .description("Images in a format ImageGuard cannot protect, passed with signals or refused")
                .tag("format", format.name().toLowerCase(Locale.ROOT)).register(registry));
        agents.forEach(agent -> FunctionCounter.builder("imageguard.crawler.blocks", this,
                        m -> m.sites.counts().crawlerBlocks().getOrDefault(agent, 0L))
                .description("Requests refused to AI training crawlers").tag("agent", agent).register(registry));
        kinds.forEach(kind -> FunctionCounter.builder("imageguard.rewrite.errors", this,
                        m -> m.sites.counts().rewriteErrors().getOrDefault(kind, 0L))
                .description("Images that could not be rewritten").tag("format", kind.format())
                .tag("reason", kind.reason()).register(registry));
    }

    private CacheStats cache() {
        return sites.site().pipeline().cacheStats();
    }

    private OptimizerStats optimizer() {
        return sites.counts().optimizer();
    }
}
